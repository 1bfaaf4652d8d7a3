package dev.trii.ingestion.validation;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A quote that passed the record-level rules, on its way to the per-symbol checks, carrying what a reject row needs
 * should those checks refuse it.
 *
 * @param reference the record's position in its source (the reject key)
 * @param rawPayload the record as received
 */
@TypeInfo(ParsedQuoteSerializer.Factory.class)
public record ParsedQuote(Quote quote, String reference, String rawPayload) {

  /** The reject row of this record for a violation found after parsing (event time, duplicate, spike). */
  public QuoteReject reject(Violation violation) {
    return new QuoteReject(reference, quote.source(), violation.reason(), violation.detail(), quote.symbol(),
        quote.eventTime(), rawPayload);
  }
}
