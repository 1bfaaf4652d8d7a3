package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Optional;

/** Rejects a bid, ask or last that is zero or negative. */
public final class PositivePricesRule implements QuoteRule {

  @Override
  public String name() {
    return "positive-prices";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (quote.bid() <= 0) {
      return violation("bid", quote.bid());
    }
    if (quote.ask() <= 0) {
      return violation("ask", quote.ask());
    }
    if (quote.last() != null && quote.last() <= 0) {
      return violation("last", quote.last());
    }
    return Optional.empty();
  }

  private static Optional<Violation> violation(String field, double value) {
    return Optional.of(new Violation(RejectReason.NON_POSITIVE_PRICE, field + " must be > 0, got " + value));
  }
}
