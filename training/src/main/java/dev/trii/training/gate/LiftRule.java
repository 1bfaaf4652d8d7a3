package dev.trii.training.gate;

/**
 * What beating the naive baseline means, judged on the holdout (the candidate alone, champion or not):
 *
 * <ul>
 *   <li>accuracy minus the majority baseline's (always answering the training majority class) at least
 *       {@code minAccuracyGain}, with the one-sided lower confidence bound of that gain above 0;
 *   <li>log loss below the log loss of always answering the training class prior (what knowing only the base rate
 *       achieves), with the lower bound of the difference above 0, when {@code logLossBelowPrior};
 *   <li>ROC-AUC above 0.5 + {@code minAucGain}, with the lower bound of the AUC above 0.5.
 * </ul>
 *
 * @param enabled false leaves the lift checks out (then only the thresholds judge a first model)
 * @param minAccuracyGain default 0.02, range [0, 1]
 * @param logLossBelowPrior default true
 * @param minAucGain default 0.02, range [0, 0.5]
 */
public record LiftRule(boolean enabled, double minAccuracyGain, boolean logLossBelowPrior, double minAucGain) {

  public static final LiftRule DEFAULT = new LiftRule(true, 0.02, true, 0.02);

  public LiftRule {
    if (!(minAccuracyGain >= 0 && minAccuracyGain <= 1)) {
      throw new IllegalArgumentException("lift.min_accuracy_gain must be in [0, 1], got " + minAccuracyGain);
    }
    if (!(minAucGain >= 0 && minAucGain <= 0.5)) {
      throw new IllegalArgumentException("lift.min_auc_gain must be in [0, 0.5], got " + minAucGain);
    }
  }
}
