package dev.trii.scoring.model;

import dev.trii.core.model.ModelMetadata;
import dev.trii.core.model.Predictor;
import dev.trii.core.registry.ModelVersion;
import java.time.Instant;
import java.util.List;

/**
 * A loaded, verified model ready to score: its registry version and the shared evaluator ({@link Predictor}) with
 * its metadata.
 */
public final class ServingModel {

  private final ModelVersion version;
  private final Predictor predictor;
  private final Instant loadedAt;

  ServingModel(ModelVersion version, Predictor predictor, Instant loadedAt) {
    this.version = version;
    this.predictor = predictor;
    this.loadedAt = loadedAt;
  }

  public ModelVersion version() {
    return version;
  }

  public ModelMetadata metadata() {
    return predictor.metadata();
  }

  /** The evaluator: features from bars, probabilities from feature vectors. */
  public Predictor predictor() {
    return predictor;
  }

  /** The feature names the model expects, in the order of its feature vector. */
  public List<String> featureNames() {
    return predictor.featureNames();
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /**
   * Probability that the price goes up for one feature vector in the order of {@link #featureNames()}; NaN
   * entries are missing values.
   */
  public double probabilityUp(float[] features) {
    return predictor.probabilityUp(features);
  }

  /** Frees the native booster; call only once no request can still be using this model. */
  void dispose() {
    predictor.close();
  }
}
