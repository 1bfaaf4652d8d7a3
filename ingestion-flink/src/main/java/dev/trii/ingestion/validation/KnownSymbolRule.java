package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Optional;
import java.util.Set;

/** Rejects a symbol missing from the configured reference list as UNKNOWN_SYMBOL. */
public final class KnownSymbolRule implements QuoteRule {

  private static final long serialVersionUID = 1L;

  private final Set<String> known;

  public KnownSymbolRule(Set<String> known) {
    if (known.isEmpty()) {
      throw new IllegalArgumentException("the reference list of symbols must not be empty");
    }
    this.known = Set.copyOf(known);
  }

  @Override
  public String name() {
    return "known-symbol";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (known.contains(quote.symbol())) {
      return Optional.empty();
    }
    return Optional.of(new Violation(RejectReason.UNKNOWN_SYMBOL,
        "symbol '" + quote.symbol() + "' is not in the reference list of " + known.size() + " symbols"));
  }
}
