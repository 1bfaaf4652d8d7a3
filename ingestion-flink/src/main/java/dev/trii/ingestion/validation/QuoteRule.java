package dev.trii.ingestion.validation;

import java.io.Serializable;
import java.util.Optional;

/** One named check of a parsed record; the validator applies rules in order and rejects on the first violation. */
public interface QuoteRule extends Serializable {

  /** A short stable name, e.g. {@code uncrossed-market}. */
  String name();

  /** The violation, or empty when the record passes. */
  Optional<Violation> check(QuoteCandidate quote);
}
