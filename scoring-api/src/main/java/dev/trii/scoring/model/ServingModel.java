package dev.trii.scoring.model;

import dev.trii.core.model.EvaluatorChoice;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.model.Predictor;
import dev.trii.core.registry.ModelVersion;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded, verified model ready to score: its registry version and the shared evaluator ({@link Predictor}) with
 * its metadata.
 */
public final class ServingModel {

  private final ModelVersion version;
  private final Predictor predictor;
  private final Instant loadedAt;
  /**
   * Who holds the model: one for being served, one per request scoring with it. The booster is freed when the count
   * reaches zero, so never under a request; a model at zero can no longer be acquired.
   */
  private final AtomicInteger holders = new AtomicInteger(1);

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

  /** Which evaluator scores it (plain-Java trees proven equal to XGBoost4J at load, or XGBoost4J) and why. */
  public EvaluatorChoice evaluator() {
    return predictor.evaluator();
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

  /** A request starts using the model; false when it was already freed (the caller takes the new one). */
  boolean tryAcquire() {
    while (true) {
      int count = holders.get();
      if (count == 0) {
        return false;
      }
      if (holders.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  /** A request, or the serving slot ({@link #retire()}), lets go; the last one frees the native booster. */
  void release() {
    if (holders.decrementAndGet() == 0) {
      predictor.close();
    }
  }

  /** No longer served: freed as soon as the last request using it ends (at once when none does). */
  void retire() {
    release();
  }

  /** Whether the native booster was freed. */
  boolean isFreed() {
    return holders.get() == 0;
  }
}
