package dev.trii.core.market;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A validated top-of-book quote, optionally carrying a trade.
 *
 * <p>Its identity is the record itself: symbol, event time, contributor, sequence, prices and sizes. Two dealers
 * quoting the same second are two quotes; an exact re-send is the same quote (ingestion rejects it as a duplicate,
 * and the table's key is the same tuple).
 *
 * @param symbol instrument ticker, upper case
 * @param eventTime event time in epoch milliseconds (when the market produced it)
 * @param seq sequence number from the feed; for a CSV file without a {@code seq} column, the line number; else 0
 * @param bidSize size at the bid: an exact decimal (crypto amounts and FX notionals are fractional); 0 when the feed
 *     publishes none (indicative quotes)
 * @param askSize size at the ask, as {@code bidSize}
 * @param last price of the trade since the symbol's previous quote, NaN when there was none
 * @param volume amount traded since the previous quote (an exact decimal), 0 when nothing traded
 * @param locked true when bid equals ask: kept, but flagged
 * @param source the kind of feed it came from (simulator, kafka, file)
 * @param contributor the dealer or venue that sent it; empty when the feed names none
 */
public record Quote(
    String symbol,
    long eventTime,
    long seq,
    double bid,
    double ask,
    BigDecimal bidSize,
    BigDecimal askSize,
    double last,
    BigDecimal volume,
    boolean locked,
    String source,
    String contributor)
    implements Serializable {

  public double mid() {
    return (bid + ask) / 2.0;
  }

  public double spread() {
    return ask - bid;
  }
}
