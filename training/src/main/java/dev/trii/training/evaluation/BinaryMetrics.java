package dev.trii.training.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * Classification metrics of predicted probabilities against 0/1 labels, at the decision threshold 0.5, next to
 * the naive baseline that always answers the training majority class. Computed from the predictions (XGBoost's
 * {@code binary:logistic} output); ROC-AUC comes from Tribuo's {@link LabelEvaluationUtil}.
 *
 * <p>Conventions: precision is 0 when nothing is predicted positive, recall is 0 when there are no positives, F1
 * is 0 when precision + recall is 0; ROC-AUC is NaN when the labels hold a single class; log loss clips
 * probabilities to [1e-15, 1 - 1e-15].
 *
 * @param baselineAccuracy accuracy of always predicting {@code majorityClass}
 */
public record BinaryMetrics(
    long rows,
    long truePositives,
    long falsePositives,
    long trueNegatives,
    long falseNegatives,
    double accuracy,
    double precision,
    double recall,
    double f1,
    double rocAuc,
    double logLoss,
    int majorityClass,
    double baselineAccuracy) {

  /** The probability at and above which a row is predicted 1. */
  public static final double THRESHOLD = 0.5;

  private static final double EPSILON = 1e-15;

  /**
   * @param labels 0 or 1 per row
   * @param probabilities predicted probability of 1 per row
   * @param majorityClass the training split's most frequent label: the baseline's constant answer
   */
  public static BinaryMetrics compute(float[] labels, double[] probabilities, int majorityClass) {
    if (labels.length != probabilities.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + probabilities.length + " predictions");
    }
    if (majorityClass != 0 && majorityClass != 1) {
      throw new IllegalArgumentException("majority class must be 0 or 1, got " + majorityClass);
    }
    int n = labels.length;
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    long baselineHits = 0;
    double logLossSum = 0;
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean actual = labels[i] > 0.5f;
      positive[i] = actual;
      boolean predicted = probabilities[i] >= THRESHOLD;
      if (predicted && actual) {
        tp++;
      } else if (predicted) {
        fp++;
      } else if (actual) {
        fn++;
      } else {
        tn++;
      }
      if ((majorityClass == 1) == actual) {
        baselineHits++;
      }
      double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
      logLossSum -= actual ? Math.log(p) : Math.log(1 - p);
    }
    double accuracy = n == 0 ? Double.NaN : (double) (tp + tn) / n;
    double precision = tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    boolean bothClasses = tp + fn > 0 && tn + fp > 0;
    double auc = bothClasses ? LabelEvaluationUtil.binaryAUCROC(positive, probabilities) : Double.NaN;
    double logLoss = n == 0 ? Double.NaN : logLossSum / n;
    double baseline = n == 0 ? Double.NaN : (double) baselineHits / n;
    return new BinaryMetrics(n, tp, fp, tn, fn, accuracy, precision, recall, f1, auc, logLoss, majorityClass,
        baseline);
  }

  /** The metrics keyed {@code <prefix>_accuracy}, {@code <prefix>_roc_auc}, ... as runs log them. */
  public Map<String, Double> asMetrics(String prefix) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(prefix + "_accuracy", accuracy);
    metrics.put(prefix + "_precision", precision);
    metrics.put(prefix + "_recall", recall);
    metrics.put(prefix + "_f1", f1);
    metrics.put(prefix + "_roc_auc", rocAuc);
    metrics.put(prefix + "_log_loss", logLoss);
    metrics.put(prefix + "_baseline_accuracy", baselineAccuracy);
    metrics.put(prefix + "_rows", (double) rows);
    metrics.put(prefix + "_true_positives", (double) truePositives);
    metrics.put(prefix + "_false_positives", (double) falsePositives);
    metrics.put(prefix + "_true_negatives", (double) trueNegatives);
    metrics.put(prefix + "_false_negatives", (double) falseNegatives);
    return metrics;
  }

  /** The confusion matrix, rows = actual (0, 1), columns = predicted (0, 1). */
  public long[][] confusionMatrix() {
    return new long[][] {{trueNegatives, falsePositives}, {falseNegatives, truePositives}};
  }
}
