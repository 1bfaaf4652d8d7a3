package dev.trii.training.xgboost;

import dev.trii.training.dataset.LabelledDataset;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A binary XGBoost model (objective {@code binary:logistic}) that answers the probability of label 1, for a
 * whole dataset or one row at a time. Holds native memory: close it.
 */
public final class XGBoostModel implements AutoCloseable {

  private final Booster booster;
  private final int columns;

  private XGBoostModel(Booster booster, int columns) {
    this.booster = booster;
    this.columns = columns;
  }

  static XGBoostModel of(Booster booster, int columns) {
    return new XGBoostModel(booster, columns);
  }

  /**
   * Loads a model saved in XGBoost's JSON (or UBJSON) format.
   *
   * @param columns the number of features the model expects
   */
  public static XGBoostModel load(byte[] model, int columns) {
    try {
      return new XGBoostModel(XGBoost.loadModel(model), columns);
    } catch (XGBoostError | IOException e) {
      throw new IllegalArgumentException("not a loadable XGBoost model: " + e.getMessage(), e);
    }
  }

  /** The model in XGBoost's JSON format. */
  public byte[] toJson() {
    try {
      return booster.toByteArray("json");
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not save the model: " + e.getMessage(), e);
    }
  }

  /** Sets the threads prediction uses (1 for serving-like single-row latency). */
  public void useThreads(int threads) {
    try {
      booster.setParam("nthread", threads);
    } catch (XGBoostError e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Number of trees (boosting rounds) in the model. */
  public int rounds() {
    try {
      return booster.getNumBoostedRound();
    } catch (XGBoostError e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Probability of label 1 for every row. */
  public double[] predict(LabelledDataset data) {
    requireColumns(data.columns());
    if (data.isEmpty()) {
      return new double[0];
    }
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(data.features(), data.rows(), data.columns(), Float.NaN);
      float[][] predictions = booster.predict(matrix);
      double[] probabilities = new double[predictions.length];
      for (int i = 0; i < predictions.length; i++) {
        probabilities[i] = predictions[i][0];
      }
      return probabilities;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /** Probability of label 1 for one row, as a scoring request computes it. */
  public double predictOne(float[] row) {
    requireColumns(row.length);
    try {
      return booster.inplace_predict(row, 1, row.length, Float.NaN)[0][0];
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    }
  }

  /**
   * XGBoost's {@code gain} importance: the average loss reduction of the splits on each feature, in the order of
   * {@code featureNames}; 0 for features no tree splits on.
   */
  public Map<String, Double> gain(List<String> featureNames) {
    requireColumns(featureNames.size());
    try {
      String[] indexNames = new String[featureNames.size()];
      for (int i = 0; i < indexNames.length; i++) {
        indexNames[i] = "f" + i;
      }
      Map<String, Double> byIndex = booster.getScore(indexNames, "gain");
      Map<String, Double> gain = new LinkedHashMap<>();
      for (int i = 0; i < indexNames.length; i++) {
        gain.put(featureNames.get(i), byIndex.getOrDefault(indexNames[i], 0.0));
      }
      return gain;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost feature importance failed: " + e.getMessage(), e);
    }
  }

  private void requireColumns(int given) {
    if (given != columns) {
      throw new IllegalArgumentException("the model takes " + columns + " features, got " + given);
    }
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
