package dev.trii.training.gate;

import java.util.List;

/**
 * How a candidate must beat the current champion: on at least {@code minHoldoutRows} holdout rows, every comparison
 * passing ({@link ChampionComparison}).
 *
 * @param minHoldoutRows fewer holdout rows than this cannot replace a champion (a coin flip on a small holdout is
 *     not evidence); default 1,000, range [1, ∞)
 */
public record ChampionRule(int minHoldoutRows, List<ChampionComparison> comparisons) {

  public static final ChampionRule DEFAULT = new ChampionRule(1_000, List.of(
      new ChampionComparison(ChampionComparison.Metric.ACCURACY, 0.0),
      new ChampionComparison(ChampionComparison.Metric.ROC_AUC, -0.01),
      new ChampionComparison(ChampionComparison.Metric.LOG_LOSS, -0.01)));

  public ChampionRule {
    if (minHoldoutRows < 1) {
      throw new IllegalArgumentException("champion.min_holdout_rows must be >= 1, got " + minHoldoutRows);
    }
    comparisons = List.copyOf(comparisons);
  }
}
