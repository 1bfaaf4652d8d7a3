package dev.trii.training.evaluation;

import dev.trii.training.dataset.DatasetSplit;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.xgboost.XGBoostModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates a model on the parts of a dataset: classification metrics, the holdout's predictions, gain. */
public final class ModelEvaluator {

  /**
   * The candidate's report: metrics on train, early-stopping and holdout, its holdout predictions (what the lift
   * and champion gates test), the training share of label 1 (the prior) and gain. Latency is measured elsewhere,
   * on the serving path.
   */
  public EvaluationReport evaluateCandidate(XGBoostModel model, DatasetSplit split) {
    int majority = majorityClass(split.train());
    Map<String, BinaryMetrics> splits = new LinkedHashMap<>();
    splits.put("train", metrics(model.predict(split.train()), split.train(), majority));
    splits.put("early_stopping", metrics(model.predict(split.earlyStopping()), split.earlyStopping(), majority));
    double[] holdout = model.predict(split.holdout());
    splits.put("holdout", metrics(holdout, split.holdout(), majority));
    return new EvaluationReport(splits, holdout, positiveRate(split.train()),
        model.gain(split.train().featureNames()));
  }

  /** Another model (the champion) judged on the candidate's holdout: the same rows, so the two can be paired. */
  public EvaluationReport evaluateOnHoldout(XGBoostModel model, DatasetSplit split) {
    int majority = majorityClass(split.train());
    double[] holdout = model.predict(split.holdout());
    return new EvaluationReport(Map.of("holdout", metrics(holdout, split.holdout(), majority)), holdout,
        positiveRate(split.train()), Map.of());
  }

  private static BinaryMetrics metrics(double[] probabilities, LabelledDataset data, int majority) {
    return BinaryMetrics.compute(data.labels(), probabilities, majority);
  }

  /** The more frequent label of the rows (1 on a tie). */
  public static int majorityClass(LabelledDataset data) {
    return data.positives() * 2 >= data.rows() ? 1 : 0;
  }

  private static double positiveRate(LabelledDataset data) {
    return data.isEmpty() ? Double.NaN : (double) data.positives() / data.rows();
  }
}
