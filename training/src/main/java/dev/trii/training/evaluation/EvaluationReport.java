package dev.trii.training.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything measured about a candidate: metrics per split, single-row latency and feature importance.
 *
 * @param splits metrics keyed train / validation / test (a champion judged on a holdout has test only)
 * @param latency single-row latency, null when not measured
 * @param gain XGBoost's gain importance per feature, in feature order (empty when not computed)
 */
public record EvaluationReport(Map<String, BinaryMetrics> splits, LatencyStats latency, Map<String, Double> gain) {

  public EvaluationReport {
    splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    gain = Collections.unmodifiableMap(new LinkedHashMap<>(gain));
  }

  /** All metrics flattened: {@code train_accuracy}, ..., {@code test_roc_auc}, {@code p95_latency_ms}. */
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String split : new String[] {"train", "validation", "test"}) {
      BinaryMetrics m = splits.get(split);
      if (m != null) {
        metrics.putAll(m.asMetrics(split));
      }
    }
    if (latency != null) {
      metrics.putAll(latency.asMetrics());
    }
    return metrics;
  }
}
