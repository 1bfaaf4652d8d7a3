package dev.trii.training.gate;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.config.YamlBinding;
import dev.trii.core.digest.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the promotion gates from YAML: the file {@code TRII_GATES_FILE} names, else {@code gates.yaml} on the
 * classpath (documented there). Missing sections and keys take their defaults; unknown keys, values of the wrong
 * kind or out of range fail with a message naming the file, the entry and the bad value.
 */
public final class GateConfigLoader {

  /** The built-in gates, on the classpath. */
  public static final String DEFAULT_RESOURCE = "gates.yaml";

  /** The metrics an evaluation computes, what thresholds can bound. */
  private static final Pattern METRIC = Pattern.compile(
      "(train|early_stopping|holdout)_[a-z0-9_]+|(p50|p95|p99|max)_latency_ms");

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
   * @param source named in error messages and recorded with the runs
   * @throws TriiException naming the source, the entry and the bad value
   */
  public static GateConfig parse(String yaml, String source) {
    YamlBinding binding = new YamlBinding("gates file " + source);
    GatesFile file = binding.bind(yaml, GatesFile.class);
    try {
      List<AbsoluteThreshold> thresholds = thresholds(file.thresholds(), binding);
      LiftRule lift = lift(file.lift());
      if (thresholds.isEmpty() && !lift.enabled()) {
        throw new TriiException("gates file " + source + " declares no thresholds and no lift checks: a first "
            + "model would pass unjudged");
      }
      return new GateConfig(thresholds, lift, champion(file.champion(), binding), quality(file.dataQuality(),
          binding), significance(file.significance()), source,
          Sha256.hex(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      throw new TriiException("gates file " + source + ": " + e.getMessage(), e);
    }
  }

  private static List<AbsoluteThreshold> thresholds(List<GatesFile.ThresholdEntry> entries, YamlBinding binding) {
    if (entries == null) {
      return GateConfig.HANDBOOK_THRESHOLDS;
    }
    List<AbsoluteThreshold> thresholds = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      GatesFile.ThresholdEntry entry = entries.get(i);
      String where = "thresholds[" + i + "]";
      if (entry == null || entry.metric() == null) {
        throw binding.invalid(where, "needs 'metric'");
      }
      String metric = entry.metric().trim();
      if (!METRIC.matcher(metric).matches()) {
        throw binding.invalid(where + ".metric", "'" + metric + "' is not a metric the evaluation computes: "
            + "<split>_<measure> with split train, early_stopping or holdout (e.g. holdout_accuracy), or "
            + "p50/p95/p99/max_latency_ms");
      }
      if (entry.op() == null) {
        throw binding.invalid(where, "needs 'op'");
      }
      AbsoluteThreshold.Operator operator = AbsoluteThreshold.Operator.parse(entry.op().trim());
      if (operator == null) {
        throw binding.invalid(where + ".op", "must be one of >, >=, <, <=, got '" + entry.op() + "'");
      }
      if (entry.value() == null) {
        throw binding.invalid(where, "needs 'value'");
      }
      if (!Double.isFinite(entry.value())) {
        throw binding.invalid(where + ".value", "must be a finite number, got " + entry.value());
      }
      thresholds.add(new AbsoluteThreshold(metric, operator, entry.value()));
    }
    return thresholds;
  }

  private static LiftRule lift(GatesFile.LiftEntry entry) {
    LiftRule defaults = LiftRule.DEFAULT;
    if (entry == null) {
      return defaults;
    }
    return new LiftRule(or(entry.enabled(), defaults.enabled()),
        or(entry.minAccuracyGain(), defaults.minAccuracyGain()),
        or(entry.logLossBelowPrior(), defaults.logLossBelowPrior()),
        or(entry.minAucGain(), defaults.minAucGain()));
  }

  private static ChampionRule champion(GatesFile.ChampionEntry entry, YamlBinding binding) {
    ChampionRule defaults = ChampionRule.DEFAULT;
    if (entry == null) {
      return defaults;
    }
    List<ChampionComparison> comparisons = defaults.comparisons();
    if (entry.comparisons() != null) {
      comparisons = new ArrayList<>();
      for (int i = 0; i < entry.comparisons().size(); i++) {
        GatesFile.ComparisonEntry comparison = entry.comparisons().get(i);
        String where = "champion.comparisons[" + i + "]";
        if (comparison == null || comparison.metric() == null) {
          throw binding.invalid(where, "needs 'metric'");
        }
        ChampionComparison.Metric metric = ChampionComparison.Metric.parse(comparison.metric().trim());
        if (metric == null) {
          throw binding.invalid(where + ".metric", "must be one of accuracy, roc_auc, log_loss, got '"
              + comparison.metric() + "'");
        }
        if (comparison.minGain() == null) {
          throw binding.invalid(where, "(" + metric.key() + ") needs min_gain: the least gain over the champion "
              + "the lower confidence bound must exceed (0 demands a proven improvement, a negative value "
              + "tolerates that much loss)");
        }
        comparisons.add(new ChampionComparison(metric, comparison.minGain()));
      }
    }
    return new ChampionRule(or(entry.minHoldoutRows(), defaults.minHoldoutRows()), comparisons);
  }

  private static DataQualityRule quality(GatesFile.QualityEntry entry, YamlBinding binding) {
    DataQualityRule defaults = DataQualityRule.DEFAULT;
    if (entry == null) {
      return defaults;
    }
    DataQualityRule.Policy policy = defaults.policy();
    if (entry.onFailure() != null) {
      policy = DataQualityRule.Policy.parse(entry.onFailure().trim());
      if (policy == null) {
        throw binding.invalid("data_quality.on_failure", "must be exclude or refuse, got '" + entry.onFailure()
            + "'");
      }
    }
    if (entry.maxFailedChecks() != null && entry.maxFailedChecks() < 0) {
      throw binding.invalid("data_quality.max_failed_checks", "must be a whole number >= 0, got "
          + entry.maxFailedChecks());
    }
    if (entry.maxExcludedShare() != null && !(entry.maxExcludedShare() >= 0 && entry.maxExcludedShare() <= 1)) {
      throw binding.invalid("data_quality.max_excluded_share", "must be in [0, 1], got "
          + entry.maxExcludedShare());
    }
    return new DataQualityRule(or(entry.enabled(), defaults.enabled()), policy,
        or(entry.maxFailedChecks(), defaults.maxFailedChecks()),
        or(entry.maxExcludedShare(), defaults.maxExcludedShare()));
  }

  private static Significance significance(GatesFile.SignificanceEntry entry) {
    Significance defaults = Significance.DEFAULT;
    if (entry == null) {
      return defaults;
    }
    return new Significance(or(entry.confidence(), defaults.confidence()),
        or(entry.bootstrapResamples(), defaults.resamples()), or(entry.seed(), defaults.seed()));
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
