package dev.trii.ingestion.bars;

import dev.trii.core.market.Quote;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys quotes by symbol. */
public final class QuoteSymbol implements KeySelector<Quote, String> {

  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(Quote quote) {
    return quote.symbol();
  }
}
