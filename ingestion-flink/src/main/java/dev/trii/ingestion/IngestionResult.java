package dev.trii.ingestion;

import dev.trii.core.market.RejectReason;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Summary of one ingestion run, from the job's accumulators. The counts are checkpointed with the job's state
 * ({@link Tallies}), so they are exact even when the job restarted from a checkpoint during the run:
 * {@code read = valid + rejectedTotal()} always holds.
 *
 * @param read records read from the source
 * @param valid records accepted as quotes
 * @param locked accepted quotes with a locked market (bid = ask), flagged
 * @param rejected rejects per reason, only the reasons that occurred
 * @param bars distinct one-minute bars written
 * @param staleEvents stale-symbol events raised
 * @param took wall-clock time of the run, including starting the local cluster
 */
public record IngestionResult(long read, long valid, long locked, Map<RejectReason, Long> rejected, long bars,
    long staleEvents, Duration took) {

  public IngestionResult {
    EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
    rejected.forEach((reason, count) -> {
      if (count != null && count > 0) {
        copy.put(reason, count);
      }
    });
    rejected = Collections.unmodifiableMap(copy);
  }

  /** The result held by a finished job's accumulators ({@link IngestionMetrics} names). */
  public static IngestionResult fromAccumulators(Map<String, Object> accumulators, Duration took) {
    EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, count(accumulators, IngestionMetrics.rejected(reason)));
    }
    return new IngestionResult(count(accumulators, IngestionMetrics.READ), count(accumulators, IngestionMetrics.VALID),
        count(accumulators, IngestionMetrics.LOCKED), rejected, count(accumulators, IngestionMetrics.BARS),
        count(accumulators, IngestionMetrics.STALE_EVENTS), took);
  }

  private static long count(Map<String, Object> accumulators, String name) {
    Object value = accumulators.get(name);
    return value instanceof Number number ? number.longValue() : 0L;
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records read per second of wall-clock time. */
  public double recordsPerSecond() {
    return took.isZero() ? 0 : read * 1e9 / took.toNanos();
  }

  /** One line for progress output. */
  public String summary() {
    String reasons = rejected.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%,d records in %.1f s (%,.0f/s): %,d valid, %,d rejected%s; %,d bars%s", read,
        took.toMillis() / 1000.0, recordsPerSecond(), valid, rejectedTotal(), reasons.isEmpty() ? "" : " (" + reasons
            + ")", bars, staleEvents > 0 ? String.format(Locale.ROOT, "; %,d stale-symbol events", staleEvents) : "");
  }
}
