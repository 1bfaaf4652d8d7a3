package dev.trii.ingestion.validation;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys parsed quotes by symbol (the same key as {@code QuoteSymbol}, so the keyed stream can be reinterpreted). */
public final class ParsedQuoteSymbol implements KeySelector<ParsedQuote, String> {

  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(ParsedQuote quote) {
    return quote.quote().symbol();
  }
}
