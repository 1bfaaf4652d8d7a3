package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Optional;

/** Rejects a crossed market (bid above ask); a locked market (bid equal to ask) passes and is flagged later. */
public final class UncrossedMarketRule implements QuoteRule {

  @Override
  public String name() {
    return "uncrossed-market";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (quote.bid() > quote.ask()) {
      return Optional.of(new Violation(RejectReason.CROSSED_MARKET,
          "bid " + quote.bid() + " is above ask " + quote.ask()));
    }
    return Optional.empty();
  }
}
