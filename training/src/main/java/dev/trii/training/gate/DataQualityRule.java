package dev.trii.training.gate;

/**
 * The data-quality precondition: when {@code quality_checks} has rows for the trading dates the training data
 * covers, at most {@code maxFailedChecks} of them may be FAIL.
 *
 * @param enabled false skips the precondition altogether
 */
public record DataQualityRule(boolean enabled, int maxFailedChecks) {

  public static final DataQualityRule DEFAULT = new DataQualityRule(true, 0);

  public DataQualityRule {
    if (maxFailedChecks < 0) {
      throw new IllegalArgumentException("max_failed_checks must be >= 0, got " + maxFailedChecks);
    }
  }
}
