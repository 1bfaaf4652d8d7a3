package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Optional;

/**
 * Rejects a trade of nothing: a record with a last price (a trade since the symbol's previous quote) and a volume of
 * zero. A trade whose record gives no volume at all (a closing price, a composite series) is kept. Real trade feeds carry such prints (cancelled or corrected trades, venue glitches); they would move the last
 * price and add nothing to the volume, so they are kept out of the quotes and bars, under their own code.
 */
public final class ZeroSizeTradeRule implements QuoteRule {

  @Override
  public String name() {
    return "zero-size-trade";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (quote.last() != null && quote.volume() != null && quote.volume().signum() == 0) {
      return Optional.of(new Violation(RejectReason.ZERO_SIZE_TRADE, "a trade at " + quote.last()
          + " with volume 0"));
    }
    return Optional.empty();
  }
}
