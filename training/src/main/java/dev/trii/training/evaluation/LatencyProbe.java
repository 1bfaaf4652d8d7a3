package dev.trii.training.evaluation;

import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.xgboost.XGBoostModel;

/**
 * Measures single-row inference latency the way the scoring API pays it: one row per call, one thread, after a
 * warm-up, over rows of a holdout split (cycled when it has fewer rows than samples).
 *
 * @param warmup calls before measuring; default 50
 * @param samples measured calls; default 300
 */
public record LatencyProbe(int warmup, int samples) {

  public static final LatencyProbe DEFAULT = new LatencyProbe(50, 300);

  public LatencyProbe {
    if (warmup < 0) {
      throw new IllegalArgumentException("latency warm-up must be >= 0 calls, got " + warmup);
    }
    if (samples < 20) {
      throw new IllegalArgumentException("latency samples must be >= 20 calls for a p95, got " + samples);
    }
  }

  /** Sets the model to one thread and times {@code samples} single-row predictions. */
  public LatencyStats measure(XGBoostModel model, LabelledDataset rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to measure latency on");
    }
    model.useThreads(1);
    double sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += model.predictOne(rows.row(i % rows.rows()));
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      float[] row = rows.row(i % rows.rows());
      long start = System.nanoTime();
      sink += model.predictOne(row);
      nanos[i] = System.nanoTime() - start;
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("the model predicted NaN");
    }
    return LatencyStats.of(nanos);
  }
}
