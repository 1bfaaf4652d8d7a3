package dev.trii.core.model.trees;

/**
 * The link of XGBoost's {@code binary:logistic} objective, computed in float32 the way XGBoost's CPU code computes it:
 * the base score (a probability) becomes the base margin through the logit, and a margin becomes a probability
 * through the sigmoid.
 */
final class Logistic {

  /** XGBoost caps the sigmoid's exponent here so that {@code exp} cannot overflow. */
  private static final float LARGEST_EXPONENT = 88.7f;
  /** XGBoost adds this to the sigmoid's denominator against division by zero (no effect in float32). */
  private static final float EPSILON = 1e-16f;

  private Logistic() {}

  /** The margin of a probability: {@code -log(1 / p - 1)}. */
  static float logit(float probability) {
    return (float) -Math.log(1.0f / probability - 1.0f);
  }

  /** The probability of a margin: {@code 1 / (1 + exp(-margin))}. */
  static float sigmoid(float margin) {
    float exponent = Math.min(-margin, LARGEST_EXPONENT);
    return 1.0f / ((float) Math.exp(exponent) + 1.0f + EPSILON);
  }
}
