package dev.trii.scheduler.definition;

import java.time.Instant;

/**
 * The span of market data a run is about: {@code [start, end)}. A scheduled run's interval ends at its fire time
 * and starts at the fire time before; a backfill run has the interval of the fire time it stands in for.
 */
public record DataInterval(Instant start, Instant end) {

  public DataInterval {
    if (start == null || end == null || end.isBefore(start)) {
      throw new IllegalArgumentException("a data interval needs start <= end, got [" + start + ", " + end + ")");
    }
  }
}
