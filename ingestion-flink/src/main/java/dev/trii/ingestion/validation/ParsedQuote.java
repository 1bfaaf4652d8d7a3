package dev.trii.ingestion.validation;

import dev.trii.core.market.Quote;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A quote that passed the record-level rules, on its way to the per-symbol checks, carrying what a reject row needs
 * should those checks refuse it.
 *
 * @param reference the record's position in its source (the reject key)
 * @param rawPayload the record as received
 */
@TypeInfo(ParsedQuoteSerializer.Factory.class)
public record ParsedQuote(Quote quote, String reference, String rawPayload) {}
