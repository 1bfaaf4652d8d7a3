package dev.trii.ingestion.validation;

import dev.trii.core.market.Quote;
import java.math.BigDecimal;

/**
 * A record parsed into typed fields but not yet checked by the rules; prices may still be NaN, zero or crossed.
 *
 * @param last last trade price, null when the record carries none
 * @param volume traded amount, null when the record does not say
 * @param contributor the dealer or venue that sent the record; empty when none is named
 */
public record QuoteCandidate(
    String source,
    String symbol,
    long eventTime,
    long seq,
    double bid,
    double ask,
    BigDecimal bidSize,
    BigDecimal askSize,
    Double last,
    BigDecimal volume,
    String contributor) {

  /** The accepted quote; a locked market (bid = ask) is kept and flagged. */
  public Quote toQuote() {
    return new Quote(symbol, eventTime, seq, bid, ask, bidSize, askSize, last == null ? Double.NaN : last,
        volume == null ? BigDecimal.ZERO : volume, bid == ask, source, contributor);
  }
}
