package dev.trii.batch.quality;

import java.util.List;

/**
 * The thresholds of the data-quality checks, from {@code quality.yaml} (documented there) or the file the Spring
 * property {@code trii.quality.file} (environment {@code TRII_QUALITY_FILE}) names; see {@link QualityConfigLoader}.
 *
 * @param minCompleteness {@code completeness.min_share}: least share of session minutes with a bar; [0, 1]
 * @param maxGapMinutes {@code gaps.max_minutes}: longest tolerated run of session minutes without a bar; ≥ 0
 * @param maxDuplicateRate {@code duplicates.max_rate}: greatest share of records rejected as duplicates; [0, 1]
 * @param duplicateReasons {@code duplicates.reasons}: reject reason codes that mean "duplicate"
 * @param maxOutOfOrderRate {@code out_of_order.max_rate}: greatest share of records rejected as late; [0, 1]
 * @param outOfOrderReasons {@code out_of_order.reasons}: reject reason codes that mean "out of order or late"
 * @param outlierZ {@code outliers.robust_z}: a 1-minute return is an outlier above this robust z-score; > 0
 * @param maxOutlierShare {@code outliers.max_share}: greatest share of outlier returns; [0, 1]
 * @param minReturns {@code outliers.min_returns}: fewer returns than this are not judged (the check passes); ≥ 3
 * @param maxStalenessMinutes {@code staleness.max_minutes}: most minutes from the last bar to the close; ≥ 0
 * @param maxStaleEvents {@code stale_events.max_events}: most stale-symbol events per day; ≥ 0
 * @param maxRejectRate {@code reject_rate.max_rate}: greatest share of records rejected for any reason; [0, 1]
 * @param source where the values came from, for messages
 */
public record QualityConfig(
    double minCompleteness,
    int maxGapMinutes,
    double maxDuplicateRate,
    List<String> duplicateReasons,
    double maxOutOfOrderRate,
    List<String> outOfOrderReasons,
    double outlierZ,
    double maxOutlierShare,
    int minReturns,
    int maxStalenessMinutes,
    int maxStaleEvents,
    double maxRejectRate,
    String source) {

  public QualityConfig {
    duplicateReasons = List.copyOf(duplicateReasons);
    outOfOrderReasons = List.copyOf(outOfOrderReasons);
    share("completeness.min_share", minCompleteness);
    atLeast("gaps.max_minutes", maxGapMinutes, 0);
    share("duplicates.max_rate", maxDuplicateRate);
    share("out_of_order.max_rate", maxOutOfOrderRate);
    if (!(outlierZ > 0) || Double.isInfinite(outlierZ)) {
      throw new IllegalArgumentException("outliers.robust_z must be a finite number > 0, got " + outlierZ);
    }
    share("outliers.max_share", maxOutlierShare);
    atLeast("outliers.min_returns", minReturns, 3);
    atLeast("staleness.max_minutes", maxStalenessMinutes, 0);
    atLeast("stale_events.max_events", maxStaleEvents, 0);
    share("reject_rate.max_rate", maxRejectRate);
  }

  private static void share(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }
}
