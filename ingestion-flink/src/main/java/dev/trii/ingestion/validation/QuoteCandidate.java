package dev.trii.ingestion.validation;

import dev.trii.core.market.Quote;

/**
 * A record parsed into typed fields but not yet checked by the rules; prices may still be NaN, zero or crossed.
 *
 * @param last last trade price, null when the record carries none
 */
public record QuoteCandidate(
    String source,
    String symbol,
    long eventTime,
    long seq,
    double bid,
    double ask,
    long bidSize,
    long askSize,
    Double last,
    long volume) {

  /** The accepted quote; a locked market (bid = ask) is kept and flagged. */
  public Quote toQuote() {
    return new Quote(symbol, eventTime, seq, bid, ask, bidSize, askSize, last == null ? Double.NaN : last, volume,
        bid == ask, source);
  }
}
