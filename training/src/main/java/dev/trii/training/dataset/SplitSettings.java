package dev.trii.training.dataset;

/**
 * How a time-ordered dataset is cut into three parts: the earliest {@code trainFraction} of the rows train, the next
 * {@code earlyStoppingFraction} pick the number of boosting rounds (early stopping), the rest is the holdout, which
 * nothing in training or model selection ever sees and on which the gates judge the model.
 *
 * @param trainFraction share of rows for training; default 0.6, range (0, 1)
 * @param earlyStoppingFraction share of rows for early stopping; default 0.2, range (0, 1); the two together below 1
 */
public record SplitSettings(double trainFraction, double earlyStoppingFraction) {

  public static final SplitSettings DEFAULT = new SplitSettings(0.6, 0.2);

  public SplitSettings {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
    }
    if (!(earlyStoppingFraction > 0 && earlyStoppingFraction < 1)) {
      throw new IllegalArgumentException("early-stopping fraction must be in (0, 1), got " + earlyStoppingFraction);
    }
    if (!(trainFraction + earlyStoppingFraction < 1)) {
      throw new IllegalArgumentException("train + early-stopping fractions must leave rows for the holdout, got "
          + trainFraction + " + " + earlyStoppingFraction);
    }
  }
}
