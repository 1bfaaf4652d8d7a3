package dev.trii.ingestion.validation;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.RejectReason;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The event-time rules, judged against the stream time (the highest event time accepted so far) rather than the wall
 * clock, so that a replay of old history is judged exactly like today's feed; in order: FUTURE_TIMESTAMP (ahead of the
 * stream time by more than {@code time.max-future} of open-market time in the record's own trading calendar, or of
 * the wall clock by more than {@code time.max-future-wall-clock}), STALE_TIMESTAMP (behind it by more than
 * {@code time.max-age}), LATE_EVENT (at or behind the watermark minus {@code time.allowed-lateness}). Also defines
 * the watermark a stream time implies.
 */
public final class EventTimeRules implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long maxOutOfOrderness;
  private final long allowedLateness;
  private final long watermarkInterval;
  private final long maxFuture;
  private final long maxAge;
  private final long maxFutureWallClock;
  private final InstrumentReference instruments;

  public EventTimeRules(IngestionRules rules) {
    Objects.requireNonNull(rules, "rules");
    this.maxOutOfOrderness = rules.maxOutOfOrdernessMs();
    this.allowedLateness = rules.allowedLatenessMs();
    this.watermarkInterval = rules.watermarkIntervalMs();
    this.maxFuture = rules.maxFutureMs();
    this.maxAge = rules.maxAgeMs();
    this.maxFutureWallClock = rules.maxFutureWallClockMs();
    this.instruments = rules.instruments();
  }

  /**
   * The watermark of a stream time: it trails the stream time by the out-of-orderness bound (minus 1 ms, as Flink's
   * bounded-out-of-orderness watermarks do), rounded down to the watermark interval; Long.MIN_VALUE before the first
   * record.
   */
  public long watermark(long streamTime) {
    if (streamTime == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return Math.floorDiv(streamTime - maxOutOfOrderness, watermarkInterval) * watermarkInterval - 1;
  }

  /** Furthest a record may be ahead of the stream time, in open-market time; 0 = no bound. */
  public long maxFutureMs() {
    return maxFuture;
  }

  /** The violation of a record's event time against this machine's clock, or null when it is acceptable. */
  public Violation checkWallClock(long eventTime, long wallClock) {
    if (maxFutureWallClock > 0 && eventTime - wallClock > maxFutureWallClock) {
      return new Violation(RejectReason.FUTURE_TIMESTAMP, "event time " + instant(eventTime) + " is more than "
          + humanDuration(maxFutureWallClock) + " ahead of this machine's clock (" + instant(wallClock) + ")");
    }
    return null;
  }

  /**
   * The violation of a record's event time against a stream time, or null when it is acceptable.
   *
   * @param symbol the record's symbol: open-market time is counted in its trading calendar
   */
  public Violation check(String symbol, long eventTime, long streamTime) {
    if (isFuture(symbol, eventTime, streamTime)) {
      return new Violation(RejectReason.FUTURE_TIMESTAMP, "event time " + instant(eventTime) + " is more than "
          + humanDuration(maxFuture) + " of open-market time ahead of the stream time " + instant(streamTime));
    }
    if (maxAge > 0 && streamTime - eventTime > maxAge) {
      return new Violation(RejectReason.STALE_TIMESTAMP, "event time " + instant(eventTime) + " is "
          + humanDuration(streamTime - eventTime) + " behind the stream time " + instant(streamTime) + ", more than "
          + humanDuration(maxAge));
    }
    long watermark = watermark(streamTime);
    if (eventTime <= watermark - allowedLateness) {
      return new Violation(RejectReason.LATE_EVENT, "event time " + instant(eventTime) + " is "
          + humanDuration(watermark - eventTime) + " behind the watermark " + instant(watermark) + ", beyond the allowed "
          + "lateness of " + humanDuration(allowedLateness));
    }
    return null;
  }

  /** True when the event time is more than {@code time.max-future} of open-market time ahead of the stream time. */
  public boolean isFuture(String symbol, long eventTime, long streamTime) {
    return maxFuture > 0 && eventTime - streamTime > maxFuture
        && instruments.calendar(symbol).openMillisBetween(streamTime, eventTime, maxFuture) > maxFuture;
  }

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** A duration as {@code 1d 2h 3min 4.567s}, leaving out zero parts. */
  public static String humanDuration(long millis) {
    Duration d = Duration.ofMillis(millis);
    StringBuilder out = new StringBuilder();
    if (d.toDays() > 0) {
      out.append(d.toDays()).append("d ");
    }
    if (d.toHoursPart() > 0) {
      out.append(d.toHoursPart()).append("h ");
    }
    if (d.toMinutesPart() > 0) {
      out.append(d.toMinutesPart()).append("min ");
    }
    if (d.toSecondsPart() > 0 || d.toMillisPart() > 0 || out.length() == 0) {
      out.append(d.toSecondsPart());
      if (d.toMillisPart() > 0) {
        out.append('.').append(String.format("%03d", d.toMillisPart()));
      }
      out.append("s ");
    }
    return out.toString().trim();
  }
}
