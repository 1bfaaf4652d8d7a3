package dev.trii.core.market;

import java.io.Serializable;

/**
 * A validated top-of-book quote, optionally carrying the last trade.
 *
 * @param symbol instrument ticker, upper case
 * @param eventTime event time in epoch milliseconds (when the market produced it)
 * @param seq sequence number from the feed (0 when the feed has none); with symbol and time, the natural key
 * @param last last trade price, NaN when the feed carries no trades
 * @param volume shares traded since the previous quote of this symbol
 * @param locked true when bid equals ask: kept, but flagged
 * @param source where the quote came from (simulator, kafka, file)
 */
public record Quote(
    String symbol,
    long eventTime,
    long seq,
    double bid,
    double ask,
    long bidSize,
    long askSize,
    double last,
    long volume,
    boolean locked,
    String source)
    implements Serializable {

  public double mid() {
    return (bid + ask) / 2.0;
  }

  public double spread() {
    return ask - bid;
  }
}
