package dev.trii.scoring.testing;

import dev.trii.core.digest.Sha256;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.Run;
import dev.trii.core.storage.ArtifactLocations;
import dev.trii.core.storage.ArtifactStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Recipe for the test models: a tiny XGBoost classifier trained on seeded synthetic rows of the feature set's features
 * (the label leans on {@code ret_1m} and {@code rsi_14}), stored as the training job stores it ({@code model.json}
 * and {@code metadata.json} in a run's {@code model} folder) and registered as a model version.
 */
public final class ModelFixtures {

  public static final List<String> NAMES = FeatureSet.NAMES;

  private ModelFixtures() {}

  /** A trained booster; different seeds give different models. */
  public static Booster train(long seed) {
    Random random = new Random(seed);
    int rows = 300;
    int cols = NAMES.size();
    float[] data = new float[rows * cols];
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      float[] row = row(random);
      System.arraycopy(row, 0, data, r * cols, cols);
      double signal = row[0] * 400 + (row[6] - 50) / 25 + random.nextGaussian() * 0.5;
      labels[r] = signal > 0 ? 1f : 0f;
    }
    try {
      DMatrix train = new DMatrix(data, rows, cols, Float.NaN);
      train.setLabel(labels);
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "binary:logistic");
      params.put("max_depth", 3);
      params.put("eta", 0.3);
      params.put("nthread", 1);
      params.put("seed", (int) seed);
      Booster booster = XGBoost.train(train, params, 12, Map.of(), null, null);
      train.dispose();
      return booster;
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plausible feature row (ret_1m, rsi_14 and minutes_since_open vary most). */
  public static float[] row(Random random) {
    float[] row = new float[NAMES.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = (float) random.nextGaussian();
    }
    row[0] = (float) (random.nextGaussian() * 0.002);
    row[6] = (float) (random.nextDouble() * 100);
    row[15] = (float) (random.nextDouble() * 390);
    return row;
  }

  /** What XGBoost itself answers for one row. */
  public static double predict(Booster booster, float[] row) {
    try {
      DMatrix matrix = new DMatrix(row, 1, row.length, Float.NaN);
      try {
        return booster.predict(matrix)[0][0];
      } finally {
        matrix.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** The feature row as a JSON-ready map of name to value. */
  public static Map<String, Object> asFeatures(float[] row) {
    Map<String, Object> features = new java.util.LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      features.put(NAMES.get(i), Float.isNaN(row[i]) ? null : (double) row[i]);
    }
    return features;
  }

  /** How a fixture's artifacts are damaged, if at all. */
  public enum Damage {
    NONE, WRONG_CHECKSUM, NO_MODEL_FILE, OTHER_FEATURE_SET,
    /** Loads, but names a feature apps do not send and the server does not compute: a regression a canary finds. */
    RENAMED_FEATURE
  }

  /**
   * Stores the booster's artifacts under a new run and registers a version of {@code modelName} (without
   * promoting it).
   */
  public static ModelVersion register(ModelRegistry registry, ArtifactStore store, String modelName, Booster booster,
      Damage damage) {
    try {
      byte[] modelJson = booster.toByteArray("json");
      Run run = registry.startRun("scoring-tests", "fixture");
      registry.logMetrics(run.runId(), Map.of("holdout_accuracy", 0.61, "holdout_log_loss", 0.66));
      String folder = run.artifactUri() + "/model";
      String sha = damage == Damage.WRONG_CHECKSUM ? Sha256.hex("something else".getBytes())
          : Sha256.hex(modelJson);
      ModelMetadata metadata = new ModelMetadata(modelName, run.runId(),
          damage == Damage.OTHER_FEATURE_SET ? "v2-0123456789ab" : FeatureSet.v2().version(), namesOf(damage), 1, 1.0,
          Instant.parse("2026-11-02T14:30:00Z"), Instant.parse("2026-11-20T20:59:00Z"),
          Map.of("train", 210L, "early_stopping", 45L, "holdout", 45L), Map.of("holdout_accuracy", 0.61, "holdout_log_loss", 0.66),
          Map.of("max_depth", "3", "eta", "0.3"), ModelMetadata.MODEL_FILE, sha, "cpu", Instant.now());
      ArtifactLocations locations = ArtifactLocations.of(store);
      if (damage != Damage.NO_MODEL_FILE) {
        locations.write(folder, ModelMetadata.MODEL_FILE, modelJson, "application/json");
      }
      locations.write(folder, ModelMetadata.METADATA_FILE, metadata.toJson(), "application/json");
      return registry.createModelVersion(modelName, folder, run.runId(), Map.of("fixture", damage.name()));
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> namesOf(Damage damage) {
    if (damage != Damage.RENAMED_FEATURE) {
      return NAMES;
    }
    List<String> names = new ArrayList<>(NAMES);
    names.set(names.size() - 1, "mystery_feature");
    return names;
  }

  /** Registers and points {@code champion} at it. */
  public static ModelVersion promote(ModelRegistry registry, ArtifactStore store, String modelName, Booster booster,
      Damage damage) {
    ModelVersion version = register(registry, store, modelName, booster, damage);
    registry.setAlias(modelName, ModelRegistry.CHAMPION, version.version(), "test promotion");
    return version;
  }
}
