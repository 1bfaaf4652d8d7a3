package dev.trii.core.market;

import java.io.Serializable;
import java.time.Instant;

/**
 * A 1-minute bar of one symbol in event time: OHLC of the mid price, traded volume, VWAP of the trades, the number
 * of quotes, their mean spread, and the top of the book: the sizes of the last quote and the mean queue imbalance.
 *
 * @param barTime start of the minute, epoch milliseconds
 * @param volume amount traded in the minute: the exact sum of the quotes' decimal volumes, rounded once to a double
 * @param vwap volume-weighted average trade price, NaN when nothing traded
 * @param closeBidSize bid size of the bar's last quote; NaN when unknown
 * @param closeAskSize ask size of the bar's last quote; NaN when unknown
 * @param meanImbalance mean over the bar's quotes of {@link #imbalance(double, double)}; NaN when unknown
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
    double meanSpread,
    double closeBidSize,
    double closeAskSize,
    double meanImbalance)
    implements Serializable {

  public static final long MINUTE_MILLIS = 60_000L;

  /** A bar without book sizes (a source that carries none, or bars written before they were kept). */
  public Bar(String symbol, long barTime, double open, double high, double low, double close, double volume,
      double vwap, int quoteCount, double meanSpread) {
    this(symbol, barTime, open, high, low, close, volume, vwap, quoteCount, meanSpread, Double.NaN, Double.NaN,
        Double.NaN);
  }

  /**
   * The queue imbalance of a book: {@code (bid - ask) / (bid + ask)}, in [-1, 1]: near 1 when the bid queue dwarfs
   * the ask queue (the next mid move is likelier up), near -1 the other way; NaN when both are empty or unknown.
   */
  public static double imbalance(double bidSize, double askSize) {
    double depth = bidSize + askSize;
    return depth > 0 ? (bidSize - askSize) / depth : Double.NaN;
  }

  /** The queue imbalance of the bar's last quote; NaN when unknown. */
  public double closeImbalance() {
    return imbalance(closeBidSize, closeAskSize);
  }

  public Instant barInstant() {
    return Instant.ofEpochMilli(barTime);
  }

  /** Start of the minute that contains the given epoch-millisecond time. */
  public static long minuteOf(long epochMillis) {
    return Math.floorDiv(epochMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
  }
}
