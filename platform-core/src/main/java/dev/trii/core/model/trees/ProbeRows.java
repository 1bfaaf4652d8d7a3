package dev.trii.core.model.trees;

import java.util.SplittableRandom;

/**
 * Rows that exercise a tree ensemble's splits, for proving the Java evaluator equal to XGBoost on a model: each
 * feature's value is, most of the time, one of the trees' own thresholds for it — the float just below, the
 * threshold itself, or the float just above, where a comparison in another precision or the wrong direction would
 * take the other branch — cycling through every threshold of every feature; otherwise missing (NaN, the default
 * branches), or a random value across and beyond the thresholds' range. Seeded: the same ensemble and seed give the
 * same rows.
 */
public final class ProbeRows {

  /** The fewest rows generated. */
  public static final int MIN_ROWS = 10_000;
  /** The most rows generated, however many thresholds the trees have. */
  public static final int MAX_ROWS = 100_000;

  private static final double MISSING = 0.10;
  private static final double RANDOM = 0.15;
  /** Each threshold is probed as the float below it, itself and the float above it. */
  private static final int VARIANTS = 3;
  /** The rows cycle through every feature's thresholds this many times, up to {@link #MAX_ROWS}. */
  private static final int CYCLES = 4;

  private ProbeRows() {}

  /** Probe rows for the ensemble, drawn with the seed. */
  public static float[][] around(TreeEnsemble trees, long seed) {
    float[][] thresholds = trees.thresholdsByFeature();
    int most = 0;
    for (float[] feature : thresholds) {
      most = Math.max(most, feature.length);
    }
    int count = (int) Math.max(MIN_ROWS, Math.min(MAX_ROWS, (long) CYCLES * VARIANTS * most));
    SplittableRandom random = new SplittableRandom(seed);
    float[][] rows = new float[count][trees.featureCount()];
    for (int r = 0; r < count; r++) {
      for (int f = 0; f < rows[r].length; f++) {
        float value = value(thresholds[f], r, f, random);
        // XGBoost refuses infinite values (the float above the largest float, say): those are probed as missing
        rows[r][f] = Float.isInfinite(value) ? Float.NaN : value;
      }
    }
    return rows;
  }

  private static float value(float[] thresholds, int row, int feature, SplittableRandom random) {
    double draw = random.nextDouble();
    if (draw < MISSING) {
      return Float.NaN;
    }
    if (thresholds.length == 0 || draw < MISSING + RANDOM) {
      return randomAcross(thresholds, random);
    }
    // features start their cycles at different thresholds, so that rows mix the branches of different features
    float threshold = thresholds[(row / VARIANTS + feature * 7919) % thresholds.length];
    return switch ((row + feature) % VARIANTS) {
      case 0 -> Math.nextDown(threshold);
      case 1 -> threshold;
      default -> Math.nextUp(threshold);
    };
  }

  /** Uniform over the thresholds' range widened by its width on each side; Gaussian when there is no range. */
  private static float randomAcross(float[] thresholds, SplittableRandom random) {
    if (thresholds.length == 0) {
      return (float) gaussian(random);
    }
    double low = thresholds[0];
    double high = thresholds[thresholds.length - 1];
    double width = Math.max(high - low, Math.max(Math.abs(low), 1.0));
    return (float) (low - width + random.nextDouble() * (high - low + 2 * width));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian in Java 17
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
