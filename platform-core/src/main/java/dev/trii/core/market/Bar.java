package dev.trii.core.market;

import java.io.Serializable;
import java.time.Instant;

/**
 * A 1-minute bar of one symbol in event time: OHLC of the mid price, traded volume, VWAP of the trades,
 * the number of quotes and their mean spread.
 *
 * @param barTime start of the minute, epoch milliseconds
 * @param volume amount traded in the minute: the exact sum of the quotes' decimal volumes, rounded once to a double
 * @param vwap volume-weighted average trade price, NaN when nothing traded
 */
public record Bar(
    String symbol,
    long barTime,
    double open,
    double high,
    double low,
    double close,
    double volume,
    double vwap,
    int quoteCount,
    double meanSpread)
    implements Serializable {

  public static final long MINUTE_MILLIS = 60_000L;

  public Instant barInstant() {
    return Instant.ofEpochMilli(barTime);
  }

  /** Start of the minute that contains the given epoch-millisecond time. */
  public static long minuteOf(long epochMillis) {
    return Math.floorDiv(epochMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
  }
}
