package dev.trii.training.gate;

import java.util.List;

/**
 * The promotion gates: absolute thresholds the candidate must meet alone, comparisons with the champion on the
 * same holdout (skipped while there is no champion), and the data-quality precondition.
 *
 * @param source where the gates came from (file path or {@code classpath:gates.yaml}), for messages
 */
public record GateConfig(List<AbsoluteThreshold> thresholds, List<ChampionComparison> comparisons,
    DataQualityRule dataQuality, String source) {

  public GateConfig {
    thresholds = List.copyOf(thresholds);
    comparisons = List.copyOf(comparisons);
  }

  /** True when a comparison needs the champion's single-row latency measured. */
  public boolean comparesLatency() {
    return comparisons.stream().anyMatch(c -> c.metric().endsWith("_latency_ms"));
  }
}
