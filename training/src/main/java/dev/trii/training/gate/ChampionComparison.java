package dev.trii.training.gate;

/**
 * A comparison of the candidate with the current champion on one metric, both measured on the candidate's test
 * split, in the manner of MLflow's {@code MetricThreshold}: the candidate must improve on the champion by at least
 * {@code minAbsoluteChange} and/or by {@code minRelativeChange} of the champion's value. Unlike MLflow, the
 * relative change is taken against {@code |champion|}, so a metric that can be negative is still judged in its
 * direction. A negative change tolerates that much regression.
 *
 * <p>Both margins, when given, must hold: the bound is the stricter of {@code champion ± minAbsoluteChange} and
 * {@code champion ± minRelativeChange × |champion|} (+ when higher is better, − when lower is better).
 *
 * @param minAbsoluteChange null when not set
 * @param minRelativeChange null when not set; at least one of the two is set
 */
public record ChampionComparison(String metric, boolean higherIsBetter, Double minAbsoluteChange,
    Double minRelativeChange) {

  public ChampionComparison {
    if (minAbsoluteChange == null && minRelativeChange == null) {
      throw new IllegalArgumentException("comparison of " + metric
          + " needs min_absolute_change or min_relative_change");
    }
  }

  /** The value the candidate must reach (higher is better) or stay under (lower is better). */
  public double bound(double champion) {
    double bound = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    if (minAbsoluteChange != null) {
      bound = stricter(bound, shifted(champion, minAbsoluteChange));
    }
    if (minRelativeChange != null) {
      bound = stricter(bound, shifted(champion, minRelativeChange * Math.abs(champion)));
    }
    return bound;
  }

  /** True when the candidate meets the bound set by the champion (never for NaN). */
  public boolean passes(double candidate, double champion) {
    if (Double.isNaN(candidate) || Double.isNaN(champion)) {
      return false;
    }
    double bound = bound(champion);
    return higherIsBetter ? candidate >= bound : candidate <= bound;
  }

  /** The candidate's improvement over the champion in the metric's good direction, relative to |champion|. */
  public double relativeImprovement(double candidate, double champion) {
    double improvement = higherIsBetter ? candidate - champion : champion - candidate;
    return champion == 0 ? (improvement == 0 ? 0 : Math.signum(improvement) * Double.POSITIVE_INFINITY)
        : improvement / Math.abs(champion);
  }

  /** E.g. {@code higher is better, min_absolute_change 0.0}. */
  public String describe() {
    StringBuilder text = new StringBuilder(higherIsBetter ? "higher is better" : "lower is better");
    if (minAbsoluteChange != null) {
      text.append(", min_absolute_change ").append(minAbsoluteChange);
    }
    if (minRelativeChange != null) {
      text.append(", min_relative_change ").append(minRelativeChange);
    }
    return text.toString();
  }

  private double shifted(double champion, double change) {
    return higherIsBetter ? champion + change : champion - change;
  }

  private double stricter(double a, double b) {
    return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
  }
}
