package dev.trii.training.gate;

/**
 * The data-quality rule: what a failed check in {@code quality_checks} (written by the quality job, one row per
 * trading date, symbol and check) does to training and to the gate.
 *
 * <p>{@link Policy#EXCLUDE} (the default) leaves every session (trading date × symbol) with a failed check out of
 * the training data, and the gate fails only when more than {@code maxExcludedShare} of the labelled sessions had to
 * be left out. {@link Policy#REFUSE} trains on all data and fails the gate when more than {@code maxFailedChecks}
 * checks of the training dates failed — so one bad day blocks every model trained over it until its data is
 * repaired and checked again.
 *
 * @param enabled false ignores {@code quality_checks} altogether
 * @param maxFailedChecks REFUSE: failed checks of the training dates tolerated; EXCLUDE: failed checks tolerated on
 *     the sessions trained on (0 unless a check failed while training read the data); range [0, ∞)
 * @param maxExcludedShare EXCLUDE: the largest share of labelled sessions that may be left out; range [0, 1]
 */
public record DataQualityRule(boolean enabled, Policy policy, int maxFailedChecks, double maxExcludedShare) {

  /** What a failed quality check does. */
  public enum Policy {
    /** Leave the session with the failed check out of training. */
    EXCLUDE,
    /** Train on everything, and fail the gate. */
    REFUSE;

    /** The policy as the gates file spells it ({@code exclude}, {@code refuse}), or null. */
    public static Policy parse(String text) {
      for (Policy policy : values()) {
        if (policy.name().equalsIgnoreCase(text)) {
          return policy;
        }
      }
      return null;
    }
  }

  /** Enabled; exclude failed sessions; at most a quarter of the sessions excluded; no failure on the rest. */
  public static final DataQualityRule DEFAULT = new DataQualityRule(true, Policy.EXCLUDE, 0, 0.25);

  public DataQualityRule {
    if (policy == null) {
      throw new IllegalArgumentException("data-quality policy must be exclude or refuse");
    }
    if (maxFailedChecks < 0) {
      throw new IllegalArgumentException("max_failed_checks must be >= 0, got " + maxFailedChecks);
    }
    if (!(maxExcludedShare >= 0 && maxExcludedShare <= 1)) {
      throw new IllegalArgumentException("max_excluded_share must be in [0, 1], got " + maxExcludedShare);
    }
  }

  /** True when training must leave sessions with failed checks out. */
  public boolean excludesFailedSessions() {
    return enabled && policy == Policy.EXCLUDE;
  }
}
