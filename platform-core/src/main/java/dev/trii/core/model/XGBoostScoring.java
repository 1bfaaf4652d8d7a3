package dev.trii.core.model;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Scoring with XGBoost4J: one native matrix per call, for one row or a batch; NaN values are missing. */
final class XGBoostScoring {

  private XGBoostScoring() {}

  /** The probability of label 1 for one row. */
  static float probability(Booster booster, float[] row) throws XGBoostError {
    return probabilities(booster, new float[][] {row})[0];
  }

  /** The probabilities of label 1 for rows of equal length, scored in one call. */
  static float[] probabilities(Booster booster, float[][] rows) throws XGBoostError {
    int columns = rows.length == 0 ? 0 : rows[0].length;
    float[] values;
    if (rows.length == 1) {
      values = rows[0];
    } else {
      values = new float[rows.length * columns];
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(rows[r], 0, values, r * columns, columns);
      }
    }
    DMatrix matrix = new DMatrix(values, rows.length, columns, Float.NaN);
    try {
      float[][] predictions = booster.predict(matrix);
      float[] probabilities = new float[rows.length];
      for (int r = 0; r < rows.length; r++) {
        probabilities[r] = predictions[r][0];
      }
      return probabilities;
    } finally {
      matrix.dispose();
    }
  }
}
