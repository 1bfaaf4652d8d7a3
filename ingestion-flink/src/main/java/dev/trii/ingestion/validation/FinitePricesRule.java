package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Optional;

/** Rejects a NaN or infinite bid, ask or last. */
public final class FinitePricesRule implements QuoteRule {

  @Override
  public String name() {
    return "finite-prices";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (!Double.isFinite(quote.bid())) {
      return violation("bid", quote.bid());
    }
    if (!Double.isFinite(quote.ask())) {
      return violation("ask", quote.ask());
    }
    if (quote.last() != null && !Double.isFinite(quote.last())) {
      return violation("last", quote.last());
    }
    return Optional.empty();
  }

  private static Optional<Violation> violation(String field, double value) {
    return Optional.of(new Violation(RejectReason.NON_FINITE_PRICE, field + " must be a finite number, got " + value));
  }
}
