package dev.trii.training.dataset;

/**
 * How a time-ordered dataset is cut into train, validation and test: the earliest {@code trainFraction} of the
 * rows train, the next {@code validationFraction} validate (early stopping, gates), the rest test.
 *
 * @param trainFraction share of rows for training; default 0.6, range (0, 1)
 * @param validationFraction share of rows for validation; default 0.2, range (0, 1); the two together below 1
 */
public record SplitSettings(double trainFraction, double validationFraction) {

  public static final SplitSettings DEFAULT = new SplitSettings(0.6, 0.2);

  public SplitSettings {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
    }
    if (!(trainFraction + validationFraction < 1)) {
      throw new IllegalArgumentException("train + validation fractions must leave rows for the test split, got "
          + trainFraction + " + " + validationFraction);
    }
  }
}
