package dev.trii.core.model;

import dev.trii.core.config.TriiException;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A stored model loaded for serving: the evaluator the scoring API answers with and the training gate times. XGBoost
 * runs with one thread per call (the default brings 15–40 ms tails under concurrent load), one row at a time; the
 * booster is shared by all request threads (XGBoost's predict is thread-safe). Holds native memory: close it once no
 * caller can still use it.
 */
public final class Predictor implements AutoCloseable {

  private final ModelMetadata metadata;
  private final Booster booster;

  private Predictor(ModelMetadata metadata, Booster booster) {
    this.metadata = metadata;
    this.booster = booster;
  }

  /**
   * Loads a stored model (read and verified by {@link ModelArtifacts#read}).
   *
   * @throws TriiException when XGBoost cannot load it or it takes another number of features than its metadata names
   */
  public static Predictor load(ModelArtifacts.StoredModel stored) {
    Booster booster;
    try {
      booster = XGBoost.loadModel(stored.modelJson());
      booster.setParam("nthread", 1);
    } catch (XGBoostError | IOException e) {
      throw new TriiException("XGBoost cannot load " + ModelMetadata.MODEL_FILE + ": " + firstLine(e), e);
    }
    try {
      long features = booster.getNumFeature();
      if (features != stored.metadata().featureNames().size()) {
        throw new TriiException("the model takes " + features + " features but " + ModelMetadata.METADATA_FILE
            + " names " + stored.metadata().featureNames().size());
      }
    } catch (XGBoostError e) {
      booster.dispose();
      throw new TriiException("XGBoost cannot describe the model: " + firstLine(e), e);
    } catch (TriiException e) {
      booster.dispose();
      throw e;
    }
    return new Predictor(stored.metadata(), booster);
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** The feature names the model expects, in the order of its feature vector. */
  public List<String> featureNames() {
    return metadata.featureNames();
  }

  /**
   * The features of the last of a symbol's session bars, computed by the feature set (the code that built the
   * training rows), in this model's order.
   *
   * @throws FeatureSetMismatchException when the model was trained on another feature-set version, or needs a
   *     feature the feature set does not compute
   */
  public double[] featuresOf(FeatureSet featureSet, List<Bar> sessionBars) {
    if (!featureSet.version().equals(metadata.featureSetVersion())) {
      throw new FeatureSetMismatchException("model " + metadata.modelName() + " was trained on feature set "
          + metadata.featureSetVersion() + " but this code computes " + featureSet.version());
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < featureSet.names().size(); i++) {
      columns.put(featureSet.names().get(i), i);
    }
    double[] computed = featureSet.latestFeatures(sessionBars);
    List<String> names = featureNames();
    double[] values = new double[names.size()];
    for (int i = 0; i < values.length; i++) {
      Integer column = columns.get(names.get(i));
      if (column == null) {
        throw new FeatureSetMismatchException("model " + metadata.modelName() + " needs feature " + names.get(i)
            + ", which feature set " + featureSet.version() + " does not compute");
      }
      values[i] = computed[column];
    }
    return values;
  }

  /**
   * Probability that the price goes up for one feature vector in the order of {@link #featureNames()}; NaN entries
   * are missing values.
   */
  public double probabilityUp(float[] features) {
    if (features.length != featureNames().size()) {
      throw new IllegalArgumentException("model " + metadata.modelName() + " expects " + featureNames().size()
          + " features, got " + features.length);
    }
    DMatrix row = null;
    try {
      row = new DMatrix(features, 1, features.length, Float.NaN);
      return booster.predict(row)[0][0];
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to score with model " + metadata.modelName() + ": "
          + e.getMessage(), e);
    } finally {
      if (row != null) {
        row.dispose();
      }
    }
  }

  /** Frees the native booster. */
  @Override
  public void close() {
    booster.dispose();
  }

  /** The model needs features the code does not compute as trained. */
  public static final class FeatureSetMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FeatureSetMismatchException(String message) {
      super(message);
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
