package dev.trii.training.gate;

import java.util.List;

/**
 * The promotion gates: absolute thresholds the candidate must meet alone, the lift over the naive baseline, the
 * paired comparison with the champion on the same holdout (skipped while there is no champion), the data-quality
 * precondition, and how sure the statistical checks must be.
 *
 * @param source where the gates came from (file path or {@code classpath:gates.yaml}), for messages
 * @param sha256 the hash of the gates file's contents, recorded with every run
 */
public record GateConfig(List<AbsoluteThreshold> thresholds, LiftRule lift, ChampionRule champion,
    DataQualityRule dataQuality, Significance significance, String source, String sha256) {

  /**
   * The operations handbook's thresholds, what a gates file without a {@code thresholds} section gets: training
   * accuracy above 75 %, holdout accuracy above 70 %, p95 serving-path latency below 100 ms.
   */
  public static final List<AbsoluteThreshold> HANDBOOK_THRESHOLDS = List.of(
      new AbsoluteThreshold("train_accuracy", AbsoluteThreshold.Operator.GREATER, 0.75),
      new AbsoluteThreshold("holdout_accuracy", AbsoluteThreshold.Operator.GREATER, 0.70),
      new AbsoluteThreshold("p95_latency_ms", AbsoluteThreshold.Operator.LESS, 100));

  public GateConfig {
    thresholds = List.copyOf(thresholds);
  }

  /** True when a threshold needs the single-row latency measured. */
  public boolean needsLatency() {
    return thresholds.stream().anyMatch(t -> t.metric().endsWith("_latency_ms"));
  }
}
