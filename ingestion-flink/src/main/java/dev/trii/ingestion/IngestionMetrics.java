package dev.trii.ingestion;

import dev.trii.core.market.RejectReason;

/**
 * Names of the job's counters: each is both a Flink metric (group {@value #GROUP}, exported by the metric reporters)
 * and an accumulator of the same name (summed over subtasks into the run summary).
 */
public final class IngestionMetrics {

  /** Metric group of the ingestion counters. */
  public static final String GROUP = "trii_ingestion";
  /** Records read from the source (valid + rejected). */
  public static final String READ = "records_read";
  /** Records accepted as quotes. */
  public static final String VALID = "quotes_valid";
  /** One-minute bars emitted. */
  public static final String BARS = "bars_emitted";

  private static final String REJECTED_PREFIX = "rejected_";

  private IngestionMetrics() {}

  /** Records rejected for one reason, e.g. {@code rejected_CROSSED_MARKET}. */
  public static String rejected(RejectReason reason) {
    return REJECTED_PREFIX + reason.name();
  }
}
