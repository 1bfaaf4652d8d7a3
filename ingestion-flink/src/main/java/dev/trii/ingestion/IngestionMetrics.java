package dev.trii.ingestion;

import dev.trii.core.market.RejectReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * Names of the job's metrics, all in metric group {@value #GROUP} (exported by the configured reporter, e.g.
 * Prometheus as {@code flink_taskmanager_job_task_operator_trii_ingestion_<name>}). Each count is also an accumulator of
 * the same name (summed over subtasks into the run summary) and checkpointed operator state, so that it survives
 * restarts (see {@link Tallies}).
 */
public final class IngestionMetrics {

  /** Metric group of the ingestion metrics. */
  public static final String GROUP = "trii_ingestion";
  /** Records read from the source (valid + rejected). */
  public static final String READ = "records_read";
  /** Records accepted as quotes. */
  public static final String VALID = "quotes_valid";
  /** Accepted quotes with a locked market (bid = ask), flagged not dropped. */
  public static final String LOCKED = "quotes_locked";
  /** Distinct one-minute bars emitted (first firing of each window). */
  public static final String BARS = "bars_emitted";
  /** Re-emissions of a bar because a late quote within the allowed lateness changed it. */
  public static final String BAR_UPDATES = "bars_updated";
  /** Stale-symbol events raised. */
  public static final String STALE_EVENTS = "stale_symbol_events";
  /** Gauge: symbols stale right now (per subtask). */
  public static final String STALE_NOW = "stale_symbols";
  /** Gaps in event time after which a run of consistent records re-anchored the stream time. */
  public static final String STREAM_GAPS = "stream_gaps";
  /** Gauge: the stream time (highest accepted event time), epoch milliseconds. */
  public static final String STREAM_TIME = "stream_time_ms";
  /** Gauge: the watermark the job emits, epoch milliseconds. */
  public static final String WATERMARK = "watermark_ms";

  /** Reasons the per-symbol operator ({@code check-quote-history}) gives. */
  public static final Set<RejectReason> HISTORY_REASONS = EnumSet.of(RejectReason.DUPLICATE, RejectReason.PRICE_SPIKE);
  /** Reasons the record-level operator ({@code validate-quotes}) gives: all the others. */
  public static final Set<RejectReason> RECORD_REASONS = EnumSet.complementOf(EnumSet.copyOf(HISTORY_REASONS));

  private static final String REJECTED_PREFIX = "rejected_";

  private IngestionMetrics() {}

  /** Records rejected for one reason, e.g. {@code rejected_CROSSED_MARKET}. */
  public static String rejected(RejectReason reason) {
    return REJECTED_PREFIX + reason.name();
  }
}
