package dev.trii.core.model;

import dev.trii.core.model.trees.ProbeRows;
import dev.trii.core.model.trees.TreeEnsemble;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The proof, made when a model is loaded, that the Java evaluator scores it as XGBoost4J does: both score the same
 * probe rows ({@link ProbeRows}: at least 10,000, around the model's own split thresholds, with missing values,
 * seeded), XGBoost4J in one batched call, and the largest absolute difference of their probabilities must not exceed
 * {@link #TOLERANCE}.
 *
 * @param rows the probe rows both scored
 * @param maxDifference the largest absolute difference of the probabilities; infinite when either gave NaN for a row
 */
record LoadTimeProof(int rows, double maxDifference) {

  /** The largest difference of probabilities under which the Java evaluator serves. */
  static final double TOLERANCE = 1e-6;
  /** The probe rows' seed: a model is always proven on the same rows. */
  static final long SEED = 20_261_206L;

  /** Whether the Java evaluator may serve. */
  boolean passed() {
    return maxDifference <= TOLERANCE;
  }

  /**
   * Scores the probe rows with both evaluators.
   *
   * @throws XGBoostError when XGBoost4J cannot score the rows
   */
  static LoadTimeProof run(TreeEnsemble trees, Booster booster) throws XGBoostError {
    float[][] rows = ProbeRows.around(trees, SEED);
    float[] reference = XGBoostScoring.probabilities(booster, rows);
    double largest = 0;
    for (int r = 0; r < rows.length; r++) {
      double difference = Math.abs((double) trees.probability(rows[r]) - reference[r]);
      largest = Double.isNaN(difference) ? Double.POSITIVE_INFINITY : Math.max(largest, difference);
    }
    return new LoadTimeProof(rows.length, largest);
  }
}
