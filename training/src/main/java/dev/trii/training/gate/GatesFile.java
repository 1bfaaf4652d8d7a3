package dev.trii.training.gate;

import java.util.List;

/**
 * The gates file as written (YAML, snake_case keys), bound by Jackson; {@link GateConfigLoader} fills in the
 * defaults of missing sections and keys and validates the values. Unknown keys are refused.
 */
record GatesFile(
    SignificanceEntry significance,
    List<ThresholdEntry> thresholds,
    LiftEntry lift,
    ChampionEntry champion,
    QualityEntry dataQuality) {

  /** How sure the statistical checks must be. */
  record SignificanceEntry(Double confidence, Integer bootstrapResamples, Long seed) {}

  /** {@code {metric: holdout_accuracy, op: ">", value: 0.70}}. */
  record ThresholdEntry(String metric, String op, Double value) {}

  /** The lift over the naive baseline. */
  record LiftEntry(Boolean enabled, Double minAccuracyGain, Boolean logLossBelowPrior, Double minAucGain) {}

  /** The paired comparison with the champion. */
  record ChampionEntry(Integer minHoldoutRows, List<ComparisonEntry> comparisons) {}

  /** {@code {metric: accuracy, min_gain: 0.0}}. */
  record ComparisonEntry(String metric, Double minGain) {}

  /** The data-quality precondition. */
  record QualityEntry(Boolean enabled, String onFailure, Integer maxFailedChecks, Double maxExcludedShare) {}
}
