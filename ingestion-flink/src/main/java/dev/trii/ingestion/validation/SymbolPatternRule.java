package dev.trii.ingestion.validation;

import dev.trii.core.market.RejectReason;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rejects symbols that are not well-formed tickers (default {@code ^[A-Z][A-Z0-9.\-]{0,14}$}) as INVALID_SYMBOL. Not
 * thread-safe (it remembers symbols that matched): each operator instance has its own copy.
 */
public final class SymbolPatternRule implements QuoteRule {

  private static final long serialVersionUID = 1L;

  /** The default pattern of a ticker. */
  public static final Pattern SYMBOL = Pattern.compile("^[A-Z][A-Z0-9.\\-]{0,14}$");

  private static final int CACHE_LIMIT = 10_000;

  private final Pattern pattern;
  /** Symbols that matched already: a feed repeats a few thousand symbols, the regex need not run for each quote. */
  private transient Set<String> matched;

  public SymbolPatternRule() {
    this(SYMBOL);
  }

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
