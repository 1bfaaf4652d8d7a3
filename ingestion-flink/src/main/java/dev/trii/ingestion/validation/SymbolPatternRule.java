package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rejects symbols that do not match the configured pattern ({@code symbols.pattern}) as INVALID_SYMBOL. Not
 * thread-safe (it remembers symbols that matched): each operator instance has its own copy.
 */
public final class SymbolPatternRule implements QuoteRule {

  private static final long serialVersionUID = 1L;

  private static final int CACHE_LIMIT = 10_000;

  private final Pattern pattern;
  /** Symbols that matched already: a feed repeats a few thousand symbols, the regex need not run for each quote. */
  private transient Set<String> matched;

  public SymbolPatternRule(Pattern pattern) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
  }

  @Override
  public String name() {
    return "symbol-pattern";
  }

  @Override
  public Optional<Violation> check(QuoteCandidate quote) {
    if (matched == null) {
      matched = new HashSet<>();
    }
    String symbol = quote.symbol();
    if (matched.contains(symbol)) {
      return Optional.empty();
    }
    if (pattern.matcher(symbol).matches()) {
      if (matched.size() < CACHE_LIMIT) {
        matched.add(symbol);
      }
      return Optional.empty();
    }
    return Optional.of(new Violation(RejectReason.INVALID_SYMBOL,
        "symbol '" + quote.symbol() + "' does not match " + pattern.pattern()));
  }
}
