package dev.trii.core.model;

import dev.trii.core.config.TriiException;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.model.trees.TreeEnsemble;
import dev.trii.core.model.trees.XGBoostJsonReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stored model loaded for serving: the evaluator the scoring API answers with and the training gate times. Two
 * evaluators can score it. XGBoost4J is the reference: one native matrix per call (about 75 µs of fixed cost per
 * row), one thread per call (the default brings 15–40 ms tails under concurrent load), the booster shared by all
 * request threads (XGBoost's predict is thread-safe). The Java evaluator walks the model's trees in plain Java (a few
 * µs per row) and serves instead only when it reads the model and, at load, scores at least 10,000 probe rows within
 * 1e-6 of XGBoost4J ({@link LoadTimeProof}); {@link #evaluator()} says which serves and why. Holds native memory:
 * close it once no caller can still use it.
 */
public final class Predictor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Predictor.class);

  private final ModelMetadata metadata;
  private final Booster booster;
  /** The trees that serve; null when XGBoost4J serves. */
  private final TreeEnsemble javaTrees;
  private final EvaluatorChoice evaluator;

  private Predictor(ModelMetadata metadata, Booster booster, TreeEnsemble javaTrees, EvaluatorChoice evaluator) {
    this.metadata = metadata;
    this.booster = booster;
    this.javaTrees = javaTrees;
    this.evaluator = evaluator;
  }

  /**
   * Loads a stored model (read and verified by {@link ModelArtifacts#read}) and chooses its evaluator.
   *
   * @throws TriiException when XGBoost cannot load it or it takes another number of features than its metadata names
   */
  public static Predictor load(ModelArtifacts.StoredModel stored) {
    return load(stored, XGBoostJsonReader::read);
  }

  /** {@link #load(ModelArtifacts.StoredModel)} with the Java evaluator's trees read by {@code javaTreesReader}. */
  static Predictor load(ModelArtifacts.StoredModel stored, Function<byte[], TreeEnsemble> javaTreesReader) {
    Booster booster;
    try {
      booster = XGBoost.loadModel(stored.modelJson());
      booster.setParam("nthread", 1);
    } catch (XGBoostError | IOException e) {
      throw new TriiException("XGBoost cannot load " + ModelMetadata.MODEL_FILE + ": " + firstLine(e), e);
    }
    int features = stored.metadata().featureNames().size();
    try {
      long boosterFeatures = booster.getNumFeature();
      if (boosterFeatures != features) {
        throw new TriiException("the model takes " + boosterFeatures + " features but " + ModelMetadata.METADATA_FILE
            + " names " + features);
      }
    } catch (XGBoostError e) {
      booster.dispose();
      throw new TriiException("XGBoost cannot describe the model: " + firstLine(e), e);
    } catch (TriiException e) {
      booster.dispose();
      throw e;
    }
    EvaluatorSelection.Chosen chosen = EvaluatorSelection.choose(stored.modelJson(), booster, features,
        javaTreesReader);
    log.info("model {} (run {}) is scored by {}: {}", stored.metadata().modelName(), stored.metadata().runId(),
        chosen.choice().name(), chosen.choice().reason());
    return new Predictor(stored.metadata(), booster, chosen.javaTrees(), chosen.choice());
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

  /** Which evaluator scores this model's requests ({@link #probabilityUp}, {@link #probabilitiesUp}), and why. */
  public EvaluatorChoice evaluator() {
    return evaluator;
  }

  /**
   * Probability that the price goes up for one feature vector in the order of {@link #featureNames()}; NaN entries
   * are missing values. Scored by the {@link #evaluator()}.
   *
   * @throws IllegalArgumentException when the vector has another length or an infinite value (XGBoost takes none)
   */
  public double probabilityUp(float[] features) {
    requireScorable(features, "");
    return javaTrees != null ? javaTrees.probability(features) : referenceProbabilityUp(features);
  }

  /**
   * {@link #probabilityUp} for several feature vectors; XGBoost4J, when it is the evaluator, scores them in one call.
   *
   * @throws IllegalArgumentException naming the first row that has another length or an infinite value
   */
  public double[] probabilitiesUp(float[][] rows) {
    for (int r = 0; r < rows.length; r++) {
      requireScorable(rows[r], "row " + r + ": ");
    }
    double[] probabilities = new double[rows.length];
    if (javaTrees != null) {
      for (int r = 0; r < rows.length; r++) {
        probabilities[r] = javaTrees.probability(rows[r]);
      }
      return probabilities;
    }
    float[] scored = xgboost(() -> XGBoostScoring.probabilities(booster, rows));
    for (int r = 0; r < rows.length; r++) {
      probabilities[r] = scored[r];
    }
    return probabilities;
  }

  /**
   * {@link #probabilityUp} scored by XGBoost4J whichever evaluator serves: the reference the Java evaluator is
   * proven against.
   *
   * @throws IllegalArgumentException when the vector has another length or an infinite value
   */
  public double referenceProbabilityUp(float[] features) {
    requireScorable(features, "");
    return xgboost(() -> new float[] {XGBoostScoring.probability(booster, features)})[0];
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

  private void requireScorable(float[] features, String row) {
    if (features.length != featureNames().size()) {
      throw new IllegalArgumentException(row + "model " + metadata.modelName() + " expects " + featureNames().size()
          + " features, got " + features.length);
    }
    for (int i = 0; i < features.length; i++) {
      if (Float.isInfinite(features[i])) {
        throw new IllegalArgumentException(row + "feature " + featureNames().get(i) + " is infinite; a missing value "
            + "is NaN");
      }
    }
  }

  private float[] xgboost(XGBoostCall call) {
    try {
      return call.score();
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to score with model " + metadata.modelName() + ": "
          + e.getMessage(), e);
    }
  }

  /** A scoring call to XGBoost4J. */
  @FunctionalInterface
  private interface XGBoostCall {
    float[] score() throws XGBoostError;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
