package dev.trii.benchmarks.support;

import dev.trii.core.digest.Sha256;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.ModelArtifacts;
import dev.trii.core.model.ModelMetadata;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A representative model for the scoring benchmarks, trained here with XGBoost4J: {@code trees} rounds of depth
 * {@code depth} over the platform's features ({@link FeatureSet#NAMES}), {@code binary:logistic}, {@code hist}, eta
 * 0.1, row and column subsampling 0.8, on seeded synthetic rows with 1% missing values and a label with linear,
 * interaction and non-linear terms (so the trees are full, as a real model's are).
 */
public final class SyntheticModel {

  public static final int FEATURES = FeatureSet.NAMES.size();
  private static final double MISSING = 0.01;

  private SyntheticModel() {}

  /** Trains the model and returns its JSON, as training stores it. */
  public static byte[] train(int trees, int depth, int trainingRows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] rows = values(trainingRows, random);
    float[] labels = new float[trainingRows];
    SplittableRandom noise = new SplittableRandom(seed + 1);
    for (int r = 0; r < trainingRows; r++) {
      labels[r] = label(rows, r * FEATURES, noise) ? 1 : 0;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("objective", "binary:logistic");
    params.put("tree_method", "hist");
    params.put("eta", 0.1);
    params.put("max_depth", depth);
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("min_child_weight", 5.0);
    params.put("seed", 42);
    params.put("nthread", Math.min(8, Runtime.getRuntime().availableProcessors()));
    params.put("verbosity", 1);
    DMatrix matrix = null;
    Booster booster = null;
    try {
      matrix = new DMatrix(rows, trainingRows, FEATURES, Float.NaN);
      matrix.setLabel(labels);
      booster = XGBoost.train(matrix, params, trees, Map.of(), null, null);
      return booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /** {@code count} rows of synthetic features (each a feature vector in {@link FeatureSet#NAMES} order). */
  public static float[][] rows(int count, SplittableRandom random) {
    float[] values = values(count, random);
    float[][] rows = new float[count][];
    for (int r = 0; r < count; r++) {
      rows[r] = Arrays.copyOfRange(values, r * FEATURES, (r + 1) * FEATURES);
    }
    return rows;
  }

  /** {@code count} rows, row-major; 1% of the values missing. */
  private static float[] values(int count, SplittableRandom random) {
    float[] values = new float[count * FEATURES];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < MISSING ? Float.NaN : (float) gaussian(random);
    }
    return values;
  }

  /** A learnable label: linear, interaction and non-linear terms of the first features, plus noise. */
  private static boolean label(float[] rows, int at, SplittableRandom noise) {
    double z = 0.9 * value(rows, at) - 0.6 * value(rows, at + 1) + 0.5 * value(rows, at + 2) * value(rows, at + 3)
        + 0.5 * Math.sin(2 * value(rows, at + 4)) + 0.3 * value(rows, at + 5) * value(rows, at + 5) - 0.3
        + 0.8 * gaussian(noise);
    return z > 0;
  }

  private static double value(float[] rows, int at) {
    return Float.isNaN(rows[at]) ? 0 : rows[at];
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * The model as the registry would hand it to {@link dev.trii.core.model.Predictor#load}: the platform's feature
   * names, its sha256, no storage behind it.
   */
  public static ModelArtifacts.StoredModel stored(byte[] modelJson) {
    ModelMetadata metadata = new ModelMetadata("bench-predictor", "bench", FeatureSet.NAME + "-bench",
        FeatureSet.NAMES, 5, 0.0, null, null, Map.of(), Map.of(), Map.of(), ModelMetadata.MODEL_FILE,
        Sha256.hex(modelJson), "cpu", Instant.now());
    return new ModelArtifacts.StoredModel(metadata, modelJson);
  }
}
