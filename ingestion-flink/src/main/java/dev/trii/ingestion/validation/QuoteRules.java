package dev.trii.ingestion.validation;

import java.util.ArrayList;
import java.util.List;

/** The record-level rule sets ingestion applies, in order (event-time and per-symbol rules come after them). */
public final class QuoteRules {

  private QuoteRules() {}

  /** {@link #of(IngestionRules)} with the default rules. */
  public static List<QuoteRule> standard() {
    return of(IngestionRules.defaults());
  }

  /**
   * The rules that judge a record on its own: symbol pattern, known symbol (when a reference list is configured),
   * finite prices, positive prices, non-negative sizes, no zero-size trade, uncrossed market, spread bound (when configured). Order
   * matters: a record is rejected for its first violation (a zero bid is NON_POSITIVE_PRICE, not CROSSED_MARKET).
   */
  public static List<QuoteRule> of(IngestionRules rules) {
    List<QuoteRule> list = new ArrayList<>();
    list.add(new SymbolPatternRule(rules.symbolPattern()));
    if (!rules.referenceSymbols().isEmpty()) {
      list.add(new KnownSymbolRule(rules.referenceSymbols()));
    }
    list.add(new FinitePricesRule());
    list.add(new PositivePricesRule());
    list.add(new NonNegativeSizesRule());
    list.add(new ZeroSizeTradeRule());
    list.add(new UncrossedMarketRule());
    if (rules.maxSpreadBps() > 0) {
      list.add(new SpreadBoundRule(rules.maxSpreadBps()));
    }
    return List.copyOf(list);
  }
}
