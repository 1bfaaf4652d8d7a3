package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rejects symbols that are not upper-case tickers: {@code ^[A-Z][A-Z0-9.\-]{0,14}$}. */
public final class SymbolPatternRule implements QuoteRule {

  public static final Pattern SYMBOL = Pattern.compile("^[A-Z][A-Z0-9.\\-]{0,14}$");

  @Override
  public String name() {
    return "symbol-pattern";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (SYMBOL.matcher(quote.symbol()).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Violation(RejectReason.INVALID_SYMBOL,
        "symbol '" + quote.symbol() + "' does not match " + SYMBOL.pattern()));
  }
}
