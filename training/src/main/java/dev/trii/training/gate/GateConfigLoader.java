package dev.trii.training.gate;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the promotion gates from YAML: the file {@code TRII_GATES_FILE} names, else {@code gates.yaml} on the
 * classpath (documented there). Unknown keys, missing fields and values of the wrong kind fail with a message
 * naming the file, the entry and the bad value.
 */
public final class GateConfigLoader {

  /** The built-in gates, on the classpath. */
  public static final String DEFAULT_RESOURCE = "gates.yaml";

  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> TOP_LEVEL = Set.of("thresholds", "comparisons", "data_quality");
  private static final Set<String> THRESHOLD_KEYS = Set.of("metric", "op", "value");
  private static final Set<String> COMPARISON_KEYS =
      Set.of("metric", "higher_is_better", "min_absolute_change", "min_relative_change");
  private static final Set<String> QUALITY_KEYS =
      Set.of("enabled", "on_failure", "max_failed_checks", "max_excluded_share");

  private GateConfigLoader() {}

  /** The gates of this configuration: {@code TRII_GATES_FILE}, or the built-in {@code gates.yaml}. */
  public static GateConfig load(TriiConfig config) {
    return config.optional(Settings.GATES_FILE)
        .map(file -> loadFile(config.path(Settings.GATES_FILE)))
        .orElseGet(GateConfigLoader::loadDefault);
  }

  /** The built-in gates. */
  public static GateConfig loadDefault() {
    try (InputStream in = GateConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new TriiException("the built-in " + DEFAULT_RESOURCE + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new TriiException("cannot read the built-in " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Gates from a YAML file. */
  public static GateConfig loadFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TriiException("gates file " + file + " (TRII_GATES_FILE) does not exist");
    }
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new TriiException("cannot read gates file " + file + " (TRII_GATES_FILE): " + e.getMessage(), e);
    }
  }

  /**
   * Parses gates YAML.
   *
   * @param source named in error messages
   * @throws TriiException naming the source, the entry and the bad value
   */
  public static GateConfig parse(String yaml, String source) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new TriiException("gates file " + source + " is not valid YAML: " + firstLine(e.getMessage()), e);
    }
    if (document == null) {
      throw new TriiException("gates file " + source + " is empty");
    }
    Map<?, ?> root = map(document, "the document", source);
    checkKeys(root, TOP_LEVEL, "the document", source);
    List<AbsoluteThreshold> thresholds = new ArrayList<>();
    List<?> thresholdEntries = list(root.get("thresholds"), "thresholds", source);
    for (int i = 0; i < thresholdEntries.size(); i++) {
      thresholds.add(threshold(thresholdEntries.get(i), "thresholds[" + i + "]", source));
    }
    List<ChampionComparison> comparisons = new ArrayList<>();
    List<?> comparisonEntries = list(root.get("comparisons"), "comparisons", source);
    for (int i = 0; i < comparisonEntries.size(); i++) {
      comparisons.add(comparison(comparisonEntries.get(i), "comparisons[" + i + "]", source));
    }
    DataQualityRule quality = root.get("data_quality") == null ? DataQualityRule.DEFAULT
        : quality(root.get("data_quality"), source);
    if (thresholds.isEmpty() && comparisons.isEmpty()) {
      throw new TriiException("gates file " + source + " declares no thresholds and no comparisons: "
          + "every candidate would pass");
    }
    return new GateConfig(thresholds, comparisons, quality, source);
  }

  private static AbsoluteThreshold threshold(Object entry, String where, String source) {
    Map<?, ?> fields = map(entry, where, source);
    checkKeys(fields, THRESHOLD_KEYS, where, source);
    String metric = metric(fields.get("metric"), where, source);
    Object op = require(fields, "op", where, source);
    AbsoluteThreshold.Operator operator = AbsoluteThreshold.Operator.parse(String.valueOf(op).trim());
    if (operator == null) {
      throw new TriiException("gates file " + source + ": " + where + ".op must be one of >, >=, <, <=, got '"
          + op + "'");
    }
    double value = number(require(fields, "value", where, source), where + ".value", source);
    return new AbsoluteThreshold(metric, operator, value);
  }

  private static ChampionComparison comparison(Object entry, String where, String source) {
    Map<?, ?> fields = map(entry, where, source);
    checkKeys(fields, COMPARISON_KEYS, where, source);
    String metric = metric(fields.get("metric"), where, source);
    if (!metric.startsWith("test_") && !metric.endsWith("_latency_ms")) {
      throw new TriiException("gates file " + source + ": " + where + ".metric '" + metric
          + "' cannot be compared with the champion: comparisons run on the candidate's test split, so use a "
          + "test_* metric or a *_latency_ms one");
    }
    boolean higher = bool(require(fields, "higher_is_better", where, source), where + ".higher_is_better", source);
    Double absolute = fields.get("min_absolute_change") == null ? null
        : number(fields.get("min_absolute_change"), where + ".min_absolute_change", source);
    Double relative = fields.get("min_relative_change") == null ? null
        : number(fields.get("min_relative_change"), where + ".min_relative_change", source);
    if (absolute == null && relative == null) {
      throw new TriiException("gates file " + source + ": " + where + " (" + metric
          + ") needs min_absolute_change and/or min_relative_change");
    }
    return new ChampionComparison(metric, higher, absolute, relative);
  }

  private static DataQualityRule quality(Object entry, String source) {
    Map<?, ?> fields = map(entry, "data_quality", source);
    checkKeys(fields, QUALITY_KEYS, "data_quality", source);
    DataQualityRule defaults = DataQualityRule.DEFAULT;
    boolean enabled = fields.get("enabled") == null || bool(fields.get("enabled"), "data_quality.enabled", source);
    DataQualityRule.Policy policy = defaults.policy();
    if (fields.get("on_failure") != null) {
      policy = DataQualityRule.Policy.parse(String.valueOf(fields.get("on_failure")).trim());
      if (policy == null) {
        throw new TriiException("gates file " + source + ": data_quality.on_failure must be exclude or refuse, got "
            + describe(fields.get("on_failure")));
      }
    }
    int maxFailed = defaults.maxFailedChecks();
    if (fields.get("max_failed_checks") != null) {
      double value = number(fields.get("max_failed_checks"), "data_quality.max_failed_checks", source);
      if (value < 0 || value != Math.rint(value)) {
        throw new TriiException("gates file " + source + ": data_quality.max_failed_checks must be a whole number "
            + ">= 0, got " + fields.get("max_failed_checks"));
      }
      maxFailed = (int) value;
    }
    double maxExcludedShare = defaults.maxExcludedShare();
    if (fields.get("max_excluded_share") != null) {
      maxExcludedShare = number(fields.get("max_excluded_share"), "data_quality.max_excluded_share", source);
      if (maxExcludedShare < 0 || maxExcludedShare > 1) {
        throw new TriiException("gates file " + source + ": data_quality.max_excluded_share must be in [0, 1], got "
            + fields.get("max_excluded_share"));
      }
    }
    return new DataQualityRule(enabled, policy, maxFailed, maxExcludedShare);
  }

  private static Map<?, ?> map(Object value, String where, String source) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new TriiException("gates file " + source + ": " + where + " must be a mapping of keys to values, got "
          + describe(value));
    }
    return map;
  }

  private static List<?> list(Object value, String where, String source) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new TriiException("gates file " + source + ": " + where + " must be a list, got " + describe(value));
    }
    return list;
  }

  private static void checkKeys(Map<?, ?> fields, Set<String> known, String where, String source) {
    for (Object key : fields.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        throw new TriiException("gates file " + source + ": unknown key '" + key + "' in " + where + " (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
  }

  private static Object require(Map<?, ?> fields, String key, String where, String source) {
    Object value = fields.get(key);
    if (value == null) {
      throw new TriiException("gates file " + source + ": " + where + " needs '" + key + "'");
    }
    return value;
  }

  private static String metric(Object value, String where, String source) {
    if (value == null) {
      throw new TriiException("gates file " + source + ": " + where + " needs 'metric'");
    }
    String metric = String.valueOf(value).trim();
    if (!METRIC.matcher(metric).matches()) {
      throw new TriiException("gates file " + source + ": " + where + ".metric must be a metric name like "
          + "validation_accuracy, got '" + value + "'");
    }
    return metric;
  }

  private static double number(Object value, String where, String source) {
    if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
      return number.doubleValue();
    }
    throw new TriiException("gates file " + source + ": " + where + " must be a finite number, got "
        + describe(value));
  }

  private static boolean bool(Object value, String where, String source) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new TriiException("gates file " + source + ": " + where + " must be true or false, got "
        + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof List) {
      return "a list";
    }
    return String.valueOf(value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
