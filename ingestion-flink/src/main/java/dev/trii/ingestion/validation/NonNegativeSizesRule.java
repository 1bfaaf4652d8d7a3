package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.math.BigDecimal;
import java.util.Optional;

/** Rejects a negative bid size, ask size or volume. */
public final class NonNegativeSizesRule implements QuoteRule {

  @Override
  public String name() {
    return "non-negative-sizes";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (quote.bidSize().signum() < 0) {
      return violation("bid_size", quote.bidSize());
    }
    if (quote.askSize().signum() < 0) {
      return violation("ask_size", quote.askSize());
    }
    if (quote.volume() != null && quote.volume().signum() < 0) {
      return violation("volume", quote.volume());
    }
    return Optional.empty();
  }

  private static Optional<Violation> violation(String field, BigDecimal value) {
    return Optional.of(new Violation(RejectReason.NEGATIVE_SIZE, field + " must be >= 0, got " + value.toPlainString()));
  }
}
