package dev.trii.training.evaluation;

import dev.trii.training.dataset.DatasetSplit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the offline evaluation measures about a model: metrics per split, its predicted probabilities on the
 * holdout, the training share of label 1 and feature importance (latency is measured on the stored artifact, through
 * the serving path: {@link LatencyProbe}).
 *
 * @param splits metrics keyed train / early_stopping / holdout (a champion judged on a holdout has holdout only)
 * @param holdoutPredictions predicted probability of label 1 per holdout row, in row order
 * @param trainPositiveRate the training share of label 1: the class prior
 * @param gain XGBoost's gain importance per feature, in feature order (empty when not computed)
 */
public record EvaluationReport(Map<String, BinaryMetrics> splits, double[] holdoutPredictions,
    double trainPositiveRate, Map<String, Double> gain) {

  public EvaluationReport {
    splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    gain = Collections.unmodifiableMap(new LinkedHashMap<>(gain));
  }

  /**
   * All metrics flattened: {@code train_accuracy}, ..., {@code holdout_roc_auc}, {@code <split>_positive_rate},
   * and {@code holdout_prior_log_loss} (the log loss of always answering the class prior).
   */
  public Map<String, Double> metrics(float[] holdoutLabels) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String split : DatasetSplit.NAMES) {
      BinaryMetrics m = splits.get(split);
      if (m != null) {
        metrics.putAll(m.asMetrics(split));
      }
    }
    metrics.put("holdout_prior_log_loss", BinaryMetrics.constantLogLoss(holdoutLabels, trainPositiveRate));
    return metrics;
  }
}
