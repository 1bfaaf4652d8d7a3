package dev.trii.batch.quality;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the quality thresholds: the built-in {@code quality.yaml} on the classpath, with the values of an
 * override file laid over it (a file may set only the keys it changes). Unknown sections or keys and values of
 * the wrong kind fail with the file, the key and the value named.
 */
public final class QualityConfigLoader {

  /** The built-in thresholds, on the classpath. */
  public static final String DEFAULT_RESOURCE = "quality.yaml";

  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Map<String, Set<String>> KEYS = Map.of(
      "completeness", Set.of("min_share"),
      "gaps", Set.of("max_minutes"),
      "duplicates", Set.of("max_rate", "reasons"),
      "out_of_order", Set.of("max_rate", "reasons"),
      "outliers", Set.of("robust_z", "max_share", "min_returns"),
      "staleness", Set.of("max_minutes"),
      "stale_events", Set.of("max_events"),
      "reject_rate", Set.of("max_rate"));

  private QualityConfigLoader() {}

  /** The built-in thresholds. */
  public static QualityConfig loadDefault() {
    return build(builtIn(), "classpath:" + DEFAULT_RESOURCE);
  }

  /**
   * The built-in thresholds with the file's values laid over them.
   *
   * @throws TriiException when the file is missing, not YAML, or holds an unknown key or a bad value
   */
  public static QualityConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TriiException("quality thresholds file " + file + " (TRII_QUALITY_FILE) does not "
          + "exist");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TriiException("cannot read quality thresholds file " + file + ": " + e.getMessage(), e);
    }
    Map<String, Map<String, Object>> values = builtIn();
    parse(text, file.toString()).forEach((section, keys) -> values.get(section).putAll(keys));
    return build(values, file + " over classpath:" + DEFAULT_RESOURCE);
  }

  /** The thresholds of this configuration: the file {@code TRII_QUALITY_FILE} names over the built-in ones. */
  public static QualityConfig load(TriiConfig config) {
    return config.optional(Settings.QUALITY_FILE)
        .map(file -> load(config.path(Settings.QUALITY_FILE)))
        .orElseGet(QualityConfigLoader::loadDefault);
  }

  private static Map<String, Map<String, Object>> builtIn() {
    try (InputStream in = QualityConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new TriiException("the built-in " + DEFAULT_RESOURCE + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new TriiException("cannot read the built-in " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The document as section → key → value, checked against the known keys. */
  static Map<String, Map<String, Object>> parse(String yaml, String source) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      throw new TriiException("quality thresholds file " + source + " is not valid YAML: "
          + message.lines().findFirst().orElse(""), e);
    }
    Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    KEYS.keySet().forEach(section -> values.put(section, new LinkedHashMap<>()));
    if (document == null) {
      return values;
    }
    if (!(document instanceof Map<?, ?> root)) {
      throw new TriiException("quality thresholds file " + source + " must be a mapping of sections");
    }
    for (Map.Entry<?, ?> section : root.entrySet()) {
      String name = String.valueOf(section.getKey());
      Set<String> known = KEYS.get(name);
      if (known == null) {
        throw new TriiException("quality thresholds file " + source + ": unknown section '" + name + "' (known: "
            + KEYS.keySet().stream().sorted().toList() + ")");
      }
      if (!(section.getValue() instanceof Map<?, ?> keys)) {
        throw new TriiException("quality thresholds file " + source + ": " + name + " must be a mapping of keys to "
            + "values");
      }
      for (Map.Entry<?, ?> key : keys.entrySet()) {
        String keyName = String.valueOf(key.getKey());
        if (!known.contains(keyName)) {
          throw new TriiException("quality thresholds file " + source + ": unknown key '" + keyName + "' in " + name
              + " (known: " + known.stream().sorted().toList() + ")");
        }
        values.get(name).put(keyName, check(key.getValue(), name + "." + keyName, source));
      }
    }
    return values;
  }

  private static Object check(Object value, String where, String source) {
    if (where.endsWith(".reasons")) {
      if (!(value instanceof List<?> list) || list.isEmpty()) {
        throw new TriiException("quality thresholds file " + source + ": " + where + " must be a non-empty list of "
            + "reject reason codes, got " + value);
      }
      List<String> reasons = new ArrayList<>();
      for (Object reason : list) {
        String code = String.valueOf(reason).trim();
        if (!REASON.matcher(code).matches()) {
          throw new TriiException("quality thresholds file " + source + ": " + where + " holds '" + reason
              + "', not a reason code like DUPLICATE");
        }
        reasons.add(code);
      }
      return reasons;
    }
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw new TriiException("quality thresholds file " + source + ": " + where + " must be a finite number, got "
          + (value instanceof String s ? "'" + s + "'" : value));
    }
    return number.doubleValue();
  }

  private static QualityConfig build(Map<String, Map<String, Object>> v, String source) {
    try {
      return new QualityConfig(
          number(v, "completeness", "min_share", source),
          whole(v, "gaps", "max_minutes", source),
          number(v, "duplicates", "max_rate", source),
          reasons(v, "duplicates", source),
          number(v, "out_of_order", "max_rate", source),
          reasons(v, "out_of_order", source),
          number(v, "outliers", "robust_z", source),
          number(v, "outliers", "max_share", source),
          whole(v, "outliers", "min_returns", source),
          whole(v, "staleness", "max_minutes", source),
          whole(v, "stale_events", "max_events", source),
          number(v, "reject_rate", "max_rate", source),
          source);
    } catch (IllegalArgumentException e) {
      throw new TriiException("quality thresholds " + source + ": " + e.getMessage(), e);
    }
  }

  private static double number(Map<String, Map<String, Object>> v, String section, String key, String source) {
    Object value = v.get(section).get(key);
    if (value == null) {
      throw new TriiException("quality thresholds " + source + ": " + section + "." + key + " is missing");
    }
    return (Double) value;
  }

  private static int whole(Map<String, Map<String, Object>> v, String section, String key, String source) {
    double value = number(v, section, key, source);
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new TriiException("quality thresholds " + source + ": " + section + "." + key
          + " must be a whole number, got " + value);
    }
    return (int) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> reasons(Map<String, Map<String, Object>> v, String section, String source) {
    Object value = v.get(section).get("reasons");
    if (value == null) {
      throw new TriiException("quality thresholds " + source + ": " + section + ".reasons is missing");
    }
    return (List<String>) value;
  }
}
