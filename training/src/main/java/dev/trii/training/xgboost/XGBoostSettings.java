package dev.trii.training.xgboost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The XGBoost trainer's settings, each declared with its default and allowed range and checked when built.
 * The objective is fixed ({@code binary:logistic}, {@code tree_method=hist}, evaluation metric
 * {@code logloss}); these are the knobs.
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>name</th><th>default</th><th>range</th><th>meaning</th></tr>
 *   <tr><td>eta</td><td>0.1</td><td>(0, 1]</td><td>learning rate: shrinkage of each tree's contribution</td></tr>
 *   <tr><td>max_depth</td><td>4</td><td>[1, 16]</td><td>maximum depth of a tree</td></tr>
 *   <tr><td>rounds</td><td>300</td><td>[1, 10000]</td><td>maximum number of boosting rounds (trees)</td></tr>
 *   <tr><td>early_stopping_rounds</td><td>30</td><td>[0, 1000]</td><td>stop when validation log loss has not
 *       improved for this many rounds, keeping the best round; 0 disables</td></tr>
 *   <tr><td>subsample</td><td>0.8</td><td>(0, 1]</td><td>share of training rows sampled per tree</td></tr>
 *   <tr><td>colsample_bytree</td><td>0.8</td><td>(0, 1]</td><td>share of features sampled per tree</td></tr>
 *   <tr><td>min_child_weight</td><td>5.0</td><td>[0, 1e6]</td><td>minimum hessian sum in a leaf: larger is
 *       more conservative, which suits noisy returns</td></tr>
 *   <tr><td>lambda</td><td>1.0</td><td>[0, 1e6]</td><td>L2 regularisation of leaf weights</td></tr>
 *   <tr><td>seed</td><td>42</td><td>[0, 2147483647]</td><td>random seed of row and column sampling: same data,
 *       settings and seed give the same model bytes</td></tr>
 *   <tr><td>nthread</td><td>0</td><td>[0, 1024]</td><td>training threads; 0 = the processors available to the
 *       JVM (capped at 8)</td></tr>
 *   <tr><td>device</td><td>cpu</td><td>cpu, cuda, auto</td><td>cuda needs a visible GPU and the CUDA build
 *       ({@code -Pgpu}); auto takes cuda when both are there, else cpu</td></tr>
 * </table>
 */
public record XGBoostSettings(
    double eta,
    int maxDepth,
    int rounds,
    int earlyStoppingRounds,
    double subsample,
    double colsampleBytree,
    double minChildWeight,
    double lambda,
    int seed,
    int nthread,
    String device) {

  /** Names of the settings as {@link #with(String, String)} and the logged parameters spell them. */
  public static final List<String> NAMES = List.of("eta", "max_depth", "rounds", "early_stopping_rounds",
      "subsample", "colsample_bytree", "min_child_weight", "lambda", "seed", "nthread", "device");

  public XGBoostSettings {
    range("eta", eta, 0, false, 1, true);
    range("max_depth", maxDepth, 1, true, 16, true);
    range("rounds", rounds, 1, true, 10_000, true);
    range("early_stopping_rounds", earlyStoppingRounds, 0, true, 1_000, true);
    range("subsample", subsample, 0, false, 1, true);
    range("colsample_bytree", colsampleBytree, 0, false, 1, true);
    range("min_child_weight", minChildWeight, 0, true, 1e6, true);
    range("lambda", lambda, 0, true, 1e6, true);
    range("seed", seed, 0, true, Integer.MAX_VALUE, true);
    range("nthread", nthread, 0, true, 1_024, true);
    device = device == null ? "" : device.trim().toLowerCase(Locale.ROOT);
    if (!List.of("cpu", "cuda", "auto").contains(device)) {
      throw new IllegalArgumentException("device must be cpu, cuda or auto, got '" + device + "'");
    }
  }

  /** The defaults of the table above. */
  public static XGBoostSettings defaults() {
    return new XGBoostSettings(0.1, 4, 300, 30, 0.8, 0.8, 5.0, 1.0, 42, 0, "cpu");
  }

  /** These settings with the given overrides applied (keys from {@link #NAMES}). */
  public XGBoostSettings withOverrides(Map<String, String> overrides) {
    XGBoostSettings settings = this;
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      settings = settings.with(entry.getKey(), entry.getValue());
    }
    return settings;
  }

  /**
   * These settings with one value replaced.
   *
   * @throws IllegalArgumentException naming the setting when the name is unknown or the value is not a number in
   *     its range
   */
  public XGBoostSettings with(String name, String value) {
    String v = value == null ? "" : value.trim();
    return switch (name) {
      case "eta" -> new XGBoostSettings(number(name, v), maxDepth, rounds, earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, lambda, seed, nthread, device);
      case "max_depth" -> new XGBoostSettings(eta, integer(name, v), rounds, earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, lambda, seed, nthread, device);
      case "rounds" -> new XGBoostSettings(eta, maxDepth, integer(name, v), earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, lambda, seed, nthread, device);
      case "early_stopping_rounds" -> new XGBoostSettings(eta, maxDepth, rounds, integer(name, v), subsample,
          colsampleBytree, minChildWeight, lambda, seed, nthread, device);
      case "subsample" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, number(name, v),
          colsampleBytree, minChildWeight, lambda, seed, nthread, device);
      case "colsample_bytree" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, subsample,
          number(name, v), minChildWeight, lambda, seed, nthread, device);
      case "min_child_weight" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, subsample,
          colsampleBytree, number(name, v), lambda, seed, nthread, device);
      case "lambda" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, number(name, v), seed, nthread, device);
      case "seed" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, lambda, integer(name, v), nthread, device);
      case "nthread" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, lambda, seed, integer(name, v), device);
      case "device" -> new XGBoostSettings(eta, maxDepth, rounds, earlyStoppingRounds, subsample,
          colsampleBytree, minChildWeight, lambda, seed, nthread, v);
      default -> throw new IllegalArgumentException("unknown XGBoost setting '" + name + "' (known: " + NAMES + ")");
    };
  }

  /** The threads training uses: {@code nthread}, or the available processors (at most 8) when it is 0. */
  public int effectiveThreads() {
    return nthread > 0 ? nthread : Math.min(8, Runtime.getRuntime().availableProcessors());
  }

  /** The settings as run parameters, keyed by {@link #NAMES}. */
  public Map<String, String> asParams() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("eta", String.valueOf(eta));
    params.put("max_depth", String.valueOf(maxDepth));
    params.put("rounds", String.valueOf(rounds));
    params.put("early_stopping_rounds", String.valueOf(earlyStoppingRounds));
    params.put("subsample", String.valueOf(subsample));
    params.put("colsample_bytree", String.valueOf(colsampleBytree));
    params.put("min_child_weight", String.valueOf(minChildWeight));
    params.put("lambda", String.valueOf(lambda));
    params.put("seed", String.valueOf(seed));
    params.put("nthread", String.valueOf(nthread));
    params.put("device", device);
    return params;
  }

  private static void range(String name, double value, double min, boolean minInclusive, double max,
      boolean maxInclusive) {
    boolean aboveMin = minInclusive ? value >= min : value > min;
    boolean belowMax = maxInclusive ? value <= max : value < max;
    if (!(aboveMin && belowMax)) {
      throw new IllegalArgumentException(name + " must be in " + (minInclusive ? "[" : "(") + format(min) + ", "
          + format(max) + (maxInclusive ? "]" : ")") + ", got " + format(value));
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static double number(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }
}
