package dev.trii.scoring.model;

import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.ModelVersion;
import java.time.Instant;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A loaded, verified model ready to score: its registry version, its metadata and the XGBoost booster. The
 * booster is shared by all request threads (XGBoost's predict is thread-safe) and runs with one thread per call.
 */
public final class ServingModel {

  private final ModelVersion version;
  private final ModelMetadata metadata;
  private final Booster booster;
  private final Instant loadedAt;

  ServingModel(ModelVersion version, ModelMetadata metadata, Booster booster, Instant loadedAt) {
    this.version = version;
    this.metadata = metadata;
    this.booster = booster;
    this.loadedAt = loadedAt;
  }

  public ModelVersion version() {
    return version;
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** The feature names the model expects, in the order of its feature vector. */
  public List<String> featureNames() {
    return metadata.featureNames();
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /**
   * Probability that the price goes up for one feature vector in the order of {@link #featureNames()}; NaN
   * entries are missing values.
   */
  public double probabilityUp(float[] features) {
    if (features.length != featureNames().size()) {
      throw new IllegalArgumentException("model " + version.name() + " v" + version.version() + " expects "
          + featureNames().size() + " features, got " + features.length);
    }
    DMatrix row = null;
    try {
      row = new DMatrix(features, 1, features.length, Float.NaN);
      return booster.predict(row)[0][0];
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to score with model " + version.name() + " v"
          + version.version() + ": " + e.getMessage(), e);
    } finally {
      if (row != null) {
        row.dispose();
      }
    }
  }

  /** Frees the native booster; call only once no request can still be using this model. */
  void dispose() {
    booster.dispose();
  }
}
