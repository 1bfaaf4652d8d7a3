package dev.trii.ingestion;

import dev.trii.core.market.RejectReason;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Names of the job's metrics, all in metric group {@value #GROUP} (exported by the configured reporter, e.g.
 * Prometheus as {@code flink_taskmanager_job_task_operator_trii_ingestion_<name>}). Rejects are one counter per reason
 * under the key-value group {@code reason=<REASON>}, which the Prometheus reporter turns into one metric with a label:
 * {@code flink_taskmanager_job_task_operator_trii_ingestion_reason_records_rejected{reason="CROSSED_MARKET"}}. Each
 * count is also an accumulator (summed over subtasks into the run summary; rejects as {@code rejected_<REASON>}) and
 * checkpointed operator state, so that it survives restarts (see {@link Tallies}).
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

  /** Key of the group (label, in Prometheus) that holds the reject counters, one group per reason. */
  public static final String REASON = "reason";
  /** Counter of the records rejected for the reason of its group. */
  public static final String REJECTED = "records_rejected";

  private static final String REJECTED_PREFIX = "rejected_";
  /** The reason of each reject tally, by tally name. */
  private static final Map<String, RejectReason> REASON_OF_TALLY = Stream.of(RejectReason.values())
      .collect(Collectors.toUnmodifiableMap(IngestionMetrics::rejected, reason -> reason));

  private IngestionMetrics() {}

  /** The tally (accumulator) of records rejected for one reason, e.g. {@code rejected_CROSSED_MARKET}. */
  public static String rejected(RejectReason reason) {
    return REJECTED_PREFIX + reason.name();
  }

  /**
   * Registers the counter of a tally in the job's metric group: a reject tally as {@value #REJECTED} in the group
   * {@code reason=<REASON>}, any other tally under its own name.
   */
  public static void register(MetricGroup group, String tally, Counter counter) {
    RejectReason reason = REASON_OF_TALLY.get(tally);
    if (reason == null) {
      group.counter(tally, counter);
    } else {
      group.addGroup(REASON, reason.name()).counter(REJECTED, counter);
    }
  }
}
