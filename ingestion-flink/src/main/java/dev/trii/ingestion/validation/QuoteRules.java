package dev.trii.ingestion.validation;

import java.util.List;

/** The rule sets ingestion applies, in order. */
public final class QuoteRules {

  private QuoteRules() {}

  /**
   * The standard rules: symbol pattern, finite prices, positive prices, non-negative sizes, uncrossed market. Order
   * matters: a record is rejected for its first violation (a zero bid is NON_POSITIVE_PRICE, not CROSSED_MARKET).
   */
  public static List<QuoteRule> standard() {
    return List.of(new SymbolPatternRule(), new FinitePricesRule(), new PositivePricesRule(),
        new NonNegativeSizesRule(), new UncrossedMarketRule());
  }
}
