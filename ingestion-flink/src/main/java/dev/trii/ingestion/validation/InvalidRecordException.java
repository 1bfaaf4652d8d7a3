package dev.trii.ingestion.validation;

/**
 * Thrown by the parser for a record it cannot read, with what it did read (symbol, event time) for the reject row.
 * Carries no stack trace: it is an expected outcome, not a bug.
 */
public final class InvalidRecordException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Violation violation;
  private final String symbol;
  private final Long eventTime;

  InvalidRecordException(Violation violation, String symbol, Long eventTime) {
    super(violation.reason() + ": " + violation.detail(), null, false, false);
    this.violation = violation;
    this.symbol = symbol;
    this.eventTime = eventTime;
  }

  public Violation violation() {
    return violation;
  }

  /** The symbol when it could be read, else null. */
  public String symbol() {
    return symbol;
  }

  /** The event time when it could be read, else null. */
  public Long eventTime() {
    return eventTime;
  }
}
