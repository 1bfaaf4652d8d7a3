package dev.trii.ingestion.validation;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.ingestion.source.RawRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Parses a raw record and applies the record-level rules in order: the result is a quote that passed them or a
 * reject.
 */
public final class QuoteValidator implements Serializable {

  private static final long serialVersionUID = 1L;

  private final QuoteParser parser = new QuoteParser();
  private final List<QuoteRule> rules;

  public QuoteValidator(List<QuoteRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The validator with {@link QuoteRules#standard()}. */
  public static QuoteValidator standard() {
    return new QuoteValidator(QuoteRules.standard());
  }

  /** The validator with the record-level rules of {@code rules}. */
  public static QuoteValidator of(IngestionRules rules) {
    return new QuoteValidator(QuoteRules.of(rules));
  }

  public Outcome validate(RawRecord raw) {
    QuoteCandidate candidate;
    try {
      candidate = parser.parse(raw);
    } catch (InvalidRecordException e) {
      return new Rejected(reject(raw, e.violation(), e.symbol(), e.eventTime()));
    }
    for (QuoteRule rule : rules) {
      Optional<Violation> violation = rule.check(candidate);
      if (violation.isPresent()) {
        return new Rejected(reject(raw, violation.get(), candidate.symbol(), candidate.eventTime()));
      }
    }
    return new Accepted(candidate.toQuote());
  }

  private static QuoteReject reject(RawRecord raw, Violation violation, String symbol, Long eventTime) {
    return new QuoteReject(raw.reference(), raw.source(), violation.reason(), violation.detail(), symbol, eventTime,
        raw.payload());
  }

  /** What validation made of one record. */
  public sealed interface Outcome permits Accepted, Rejected {}

  /** The record is a valid quote. */
  public record Accepted(Quote quote) implements Outcome {}

  /** The record was rejected, with its reason and raw payload. */
  public record Rejected(QuoteReject reject) implements Outcome {}
}
