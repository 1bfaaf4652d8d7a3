package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Locale;
import java.util.Optional;

/** Rejects a quote whose spread is wider than a bound in basis points of its mid as SPREAD_TOO_WIDE. */
public final class SpreadBoundRule implements QuoteRule {

  private static final long serialVersionUID = 1L;

  private final double maxSpreadBps;

  public SpreadBoundRule(double maxSpreadBps) {
    if (!(maxSpreadBps > 0)) {
      throw new IllegalArgumentException("spread bound must be > 0 bps, got " + maxSpreadBps);
    }
    this.maxSpreadBps = maxSpreadBps;
  }

  @Override
  public String name() {
    return "spread-bound";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    double mid = (quote.bid() + quote.ask()) / 2;
    double spreadBps = (quote.ask() - quote.bid()) / mid * 10_000;
    if (spreadBps <= maxSpreadBps) {
      return Optional.empty();
    }
    return Optional.of(new Violation(RejectReason.SPREAD_TOO_WIDE, String.format(Locale.ROOT,
        "spread %s-%s is %.1f bps of the mid, above the bound of %.1f bps", quote.bid(), quote.ask(), spreadBps,
        maxSpreadBps)));
  }
}
