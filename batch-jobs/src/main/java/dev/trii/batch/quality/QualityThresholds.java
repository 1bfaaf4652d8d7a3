package dev.trii.batch.quality;

/**
 * Where the quality checks draw the line, from {@code quality-checks.properties} (overridable by Spring
 * properties of the same names).
 *
 * @param minCompleteness {@code trii.quality.min-completeness}: least share of session minutes with a bar; [0, 1]
 * @param maxRejectRate {@code trii.quality.max-reject-rate}: greatest share of rejected quotes; [0, 1]
 */
public record QualityThresholds(double minCompleteness, double maxRejectRate) {

  public QualityThresholds {
    if (!(minCompleteness >= 0 && minCompleteness <= 1)) {
      throw new IllegalArgumentException("trii.quality.min-completeness must be in [0, 1], got " + minCompleteness);
    }
    if (!(maxRejectRate >= 0 && maxRejectRate <= 1)) {
      throw new IllegalArgumentException("trii.quality.max-reject-rate must be in [0, 1], got " + maxRejectRate);
    }
  }
}
