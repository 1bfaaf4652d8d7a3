package dev.trii.training.gate;

/**
 * A bound a candidate's metric must meet on its own, e.g. {@code validation_accuracy > 0.70}.
 *
 * @param metric a metric the evaluation produces, e.g. {@code train_accuracy} or {@code p95_latency_ms}
 */
public record AbsoluteThreshold(String metric, Operator operator, double value) {

  /** How the metric is compared with the value. */
  public enum Operator {
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** The operator written as in the gates file ({@code >}, {@code >=}, {@code <}, {@code <=}), or null. */
    public static Operator parse(String text) {
      for (Operator operator : values()) {
        if (operator.symbol.equals(text)) {
          return operator;
        }
      }
      return null;
    }

    boolean holds(double actual, double bound) {
      return switch (this) {
        case GREATER -> actual > bound;
        case GREATER_OR_EQUAL -> actual >= bound;
        case LESS -> actual < bound;
        case LESS_OR_EQUAL -> actual <= bound;
      };
    }
  }

  /** True when the value meets the bound (never for NaN). */
  public boolean holds(double actual) {
    return !Double.isNaN(actual) && operator.holds(actual, value);
  }

  /** E.g. {@code validation_accuracy > 0.7}. */
  public String describe() {
    return metric + " " + operator.symbol() + " " + value;
  }
}
