package dev.trii.training.evaluation;

import dev.trii.training.dataset.DatasetSplit;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.xgboost.XGBoostModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates a model on the splits of a dataset: classification metrics, latency, feature importance. */
public final class ModelEvaluator {

  private final LatencyProbe latencyProbe;

  public ModelEvaluator(LatencyProbe latencyProbe) {
    this.latencyProbe = latencyProbe;
  }

  /** The candidate's full report: metrics on train, validation and test, latency on test rows, gain. */
  public EvaluationReport evaluateCandidate(XGBoostModel model, DatasetSplit split) {
    int majority = majorityClass(split.train());
    Map<String, BinaryMetrics> splits = new LinkedHashMap<>();
    splits.put("train", metrics(model, split.train(), majority));
    splits.put("validation", metrics(model, split.validation(), majority));
    splits.put("test", metrics(model, split.test(), majority));
    LatencyStats latency = latencyProbe.measure(model, split.test());
    return new EvaluationReport(splits, latency, model.gain(split.train().featureNames()));
  }

  /**
   * Another model (the champion) judged on the candidate's test split, so both are compared on the same
   * holdout; latency is measured when {@code withLatency}.
   */
  public EvaluationReport evaluateOnHoldout(XGBoostModel model, DatasetSplit split, boolean withLatency) {
    int majority = majorityClass(split.train());
    Map<String, BinaryMetrics> splits = new LinkedHashMap<>();
    splits.put("test", metrics(model, split.test(), majority));
    LatencyStats latency = withLatency ? latencyProbe.measure(model, split.test()) : null;
    return new EvaluationReport(splits, latency, Map.of());
  }

  private static BinaryMetrics metrics(XGBoostModel model, LabelledDataset data, int majority) {
    return BinaryMetrics.compute(data.labels(), model.predict(data), majority);
  }

  /** The more frequent label of the rows (1 on a tie). */
  static int majorityClass(LabelledDataset data) {
    return data.positives() * 2 >= data.rows() ? 1 : 0;
  }
}
