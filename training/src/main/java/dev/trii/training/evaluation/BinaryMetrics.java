package dev.trii.training.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.ConfusionMetrics;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.classification.evaluation.LabelMetrics;
import org.tribuo.evaluation.metrics.MetricTarget;
import org.tribuo.impl.ArrayExample;

/**
 * Classification metrics of predicted probabilities against 0/1 labels, at the decision threshold 0.5, next to
 * the naive baseline that always answers the training majority class.
 *
 * <p>Accuracy, precision, recall, F1, the confusion matrix and ROC-AUC are Tribuo's: each row becomes a Tribuo
 * {@link Prediction} of a {@link Label} ({@code "1"} up, {@code "0"} down) carrying both class probabilities and
 * the true label, and Tribuo's {@link LabelConfusionMatrix}, {@link ConfusionMetrics} and
 * {@link LabelMetrics#AUCROC(Label, List)} evaluate them — the calculations behind Tribuo's {@code LabelEvaluator}.
 * The evaluator itself wants a Tribuo {@code Model} (for provenance), and Tribuo's XGBoost wrapper only takes
 * {@code multi:softprob} models, while ours is a {@code binary:logistic} booster; so the predictions are built
 * here from XGBoost's probabilities. Log loss and the baseline, which Tribuo does not compute, are computed here.
 *
 * <p>Conventions: precision is 0 when nothing is predicted positive, recall is 0 when there are no positives, F1
 * is 0 when precision + recall is 0 (Tribuo's conventions too); ROC-AUC is NaN when the labels hold a single
 * class; log loss clips probabilities to [1e-15, 1 - 1e-15].
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

  /** Tribuo's label of an upward move (label 1). */
  public static final Label UP = new Label("1");
  /** Tribuo's label of a downward move (label 0). */
  public static final Label DOWN = new Label("0");

  private static final ImmutableOutputInfo<Label> DOMAIN =
      new LabelFactory().constructInfoForExternalModel(Map.of(DOWN, 0, UP, 1));
  private static final MetricTarget<Label> POSITIVE = new MetricTarget<>(UP);

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
    if (n == 0) {
      return new BinaryMetrics(0, 0, 0, 0, 0, Double.NaN, 0.0, 0.0, 0.0, Double.NaN, Double.NaN, majorityClass,
          Double.NaN);
    }
    long baselineHits = 0;
    long positives = 0;
    double logLossSum = 0;
    for (int i = 0; i < n; i++) {
      boolean actual = labels[i] > 0.5f;
      if (actual) {
        positives++;
      }
      if ((majorityClass == 1) == actual) {
        baselineHits++;
      }
      double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
      logLossSum -= actual ? Math.log(p) : Math.log(1 - p);
    }
    List<Prediction<Label>> predictions = predictions(labels, probabilities);
    LabelConfusionMatrix matrix = new LabelConfusionMatrix(DOMAIN, predictions);
    long tp = Math.round(matrix.tp(UP));
    long fp = Math.round(matrix.fp(UP));
    long tn = Math.round(matrix.tn(UP));
    long fn = Math.round(matrix.fn(UP));
    double accuracy = ConfusionMetrics.accuracy(MetricTarget.<Label>microAverageTarget(), matrix);
    double precision = ConfusionMetrics.precision(POSITIVE, matrix);
    double recall = ConfusionMetrics.recall(POSITIVE, matrix);
    double f1 = ConfusionMetrics.f1(POSITIVE, matrix);
    boolean bothClasses = positives > 0 && positives < n;
    double auc = bothClasses ? LabelMetrics.AUCROC(UP, predictions) : Double.NaN;
    double baseline = (double) baselineHits / n;
    return new BinaryMetrics(n, tp, fp, tn, fn, accuracy, zeroIfNaN(precision), zeroIfNaN(recall), zeroIfNaN(f1),
        auc, logLossSum / n, majorityClass, baseline);
  }

  /**
   * The rows as Tribuo predictions: the predicted label (probability ≥ {@link #THRESHOLD} → {@link #UP}) with both
   * class probabilities as output scores, on an example whose output is the true label.
   */
  static List<Prediction<Label>> predictions(float[] labels, double[] probabilities) {
    List<Prediction<Label>> predictions = new ArrayList<>(labels.length);
    for (int i = 0; i < labels.length; i++) {
      double p = probabilities[i];
      Label up = new Label(UP.getLabel(), p);
      Label down = new Label(DOWN.getLabel(), 1 - p);
      Map<String, Label> scores = new LinkedHashMap<>(4);
      scores.put(DOWN.getLabel(), down);
      scores.put(UP.getLabel(), up);
      ArrayExample<Label> truth = new ArrayExample<>(labels[i] > 0.5f ? UP : DOWN);
      predictions.add(new Prediction<>(p >= THRESHOLD ? up : down, scores, 0, truth, true));
    }
    return predictions;
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0.0 : value;
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
    metrics.put(prefix + "_positive_rate", rows == 0 ? Double.NaN : (double) (truePositives + falseNegatives) / rows);
    metrics.put(prefix + "_rows", (double) rows);
    metrics.put(prefix + "_true_positives", (double) truePositives);
    metrics.put(prefix + "_false_positives", (double) falsePositives);
    metrics.put(prefix + "_true_negatives", (double) trueNegatives);
    metrics.put(prefix + "_false_negatives", (double) falseNegatives);
    return metrics;
  }

  /**
   * The log loss of always answering probability {@code p}: with {@code p} the training share of label 1, the
   * cross-entropy of the class prior, which a model must beat to know more than the base rate.
   */
  public static double constantLogLoss(float[] labels, double p) {
    if (labels.length == 0) {
      return Double.NaN;
    }
    double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
    double sum = 0;
    for (float label : labels) {
      sum -= label > 0.5f ? Math.log(clipped) : Math.log(1 - clipped);
    }
    return sum / labels.length;
  }

  /** The confusion matrix, rows = actual (0, 1), columns = predicted (0, 1). */
  public long[][] confusionMatrix() {
    return new long[][] {{trueNegatives, falsePositives}, {falseNegatives, truePositives}};
  }
}
