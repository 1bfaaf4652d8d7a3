package dev.trii.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Real XGBoost models for tests, trained with XGBoost4J on seeded synthetic rows: features of different scales (one
 * integer-valued, whose values fall on the trees' thresholds; one of tiny values), missing values, and a learnable
 * label with noise.
 */
public final class XGBoostModels {

  /** Features of a generated row. */
  public static final int FEATURES = 8;

  private XGBoostModels() {}

  /**
   * Generated rows with their labels.
   *
   * @param values row-major, NaN where missing
   */
  public record Rows(float[] values, float[] labels, int count) {

    /** Row {@code r}'s values. */
    public float[] row(int r) {
      float[] row = new float[FEATURES];
      System.arraycopy(values, r * FEATURES, row, 0, FEATURES);
      return row;
    }
  }

  /** {@code count} rows drawn with the seed; each value is missing with probability {@code missing}. */
  public static Rows rows(int count, double missing, long seed) {
    Random random = new Random(seed);
    float[] values = new float[count * FEATURES];
    float[] labels = new float[count];
    for (int r = 0; r < count; r++) {
      double[] x = new double[FEATURES];
      x[0] = random.nextGaussian();
      x[1] = 100 * random.nextGaussian();
      x[2] = random.nextInt(12);
      x[3] = 1e-3 * random.nextGaussian();
      x[4] = random.nextDouble() * 2 - 1;
      x[5] = Math.exp(random.nextGaussian());
      x[6] = random.nextGaussian();
      x[7] = random.nextGaussian();
      for (int f = 0; f < FEATURES; f++) {
        values[r * FEATURES + f] = random.nextDouble() < missing ? Float.NaN : (float) x[f];
      }
      double z = 1.1 * x[0] - 0.008 * x[1] + 0.25 * (x[2] - 5.5) + 600 * x[3] * x[4] + Math.sin(3 * x[4])
          + (Float.isNaN(values[r * FEATURES + 5]) ? 0.7 : -0.3 * Math.log(x[5])) + 0.8 * random.nextGaussian();
      labels[r] = z > 0.2 ? 1 : 0;
    }
    return new Rows(values, labels, count);
  }

  /**
   * A binary classifier's parameters as the platform's trainer sets them ({@code binary:logistic}, {@code hist},
   * one thread), to which a test adds or overrides its own.
   */
  public static Map<String, Object> binaryParams(Map<String, Object> overrides) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("objective", "binary:logistic");
    params.put("tree_method", "hist");
    params.put("eta", 0.3);
    params.put("max_depth", 4);
    params.put("nthread", 1);
    params.put("seed", 7);
    params.put("verbosity", 0);
    params.putAll(overrides);
    return params;
  }

  /** A booster trained for {@code rounds} rounds on the rows. Close it with {@link Booster#dispose()}. */
  public static Booster train(Rows rows, Map<String, Object> params, int rounds) {
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(rows.values(), rows.count(), FEATURES, Float.NaN);
      matrix.setLabel(rows.labels());
      return XGBoost.train(matrix, params, rounds, Map.of(), null, null);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /** The booster's model in XGBoost's JSON format, as training stores it. */
  public static byte[] json(Booster booster) {
    try {
      return booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** XGBoost4J's probabilities (or margins) for the rows, in one call. */
  public static float[] predict(Booster booster, Rows rows, boolean margin) {
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(rows.values(), rows.count(), FEATURES, Float.NaN);
      float[][] predictions = booster.predict(matrix, margin);
      float[] column = new float[rows.count()];
      for (int r = 0; r < column.length; r++) {
        column[r] = predictions[r][0];
      }
      return column;
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }
}
