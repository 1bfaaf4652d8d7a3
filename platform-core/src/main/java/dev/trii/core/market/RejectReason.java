package dev.trii.core.market;

/** Why ingestion rejected a record. The codes are stable: they are stored, counted and alerted on. */
public enum RejectReason {
  /** The record could not be parsed at all. */
  MALFORMED,
  /** A required field is absent or empty. */
  MISSING_FIELD,
  /** The symbol does not match the symbol pattern. */
  INVALID_SYMBOL,
  /** The symbol is not in the configured reference list. */
  UNKNOWN_SYMBOL,
  /** A price is NaN or infinite. */
  NON_FINITE_PRICE,
  /** A price is zero or negative. */
  NON_POSITIVE_PRICE,
  /** A size or volume is negative. */
  NEGATIVE_SIZE,
  /** A trade (a last price) with a traded volume of zero. */
  ZERO_SIZE_TRADE,
  /** Bid above ask. */
  CROSSED_MARKET,
  /** Spread wider than the configured bound. */
  SPREAD_TOO_WIDE,
  /** Event time too far ahead of the stream's time. */
  FUTURE_TIMESTAMP,
  /** Event time too far behind the stream's time. */
  STALE_TIMESTAMP,
  /** Arrived after the allowed lateness for its bar. */
  LATE_EVENT,
  /** The same quote (symbol, event time, contributor, sequence, prices and sizes) as one already received. */
  DUPLICATE,
  /** Price jumps too far from the symbol's recent robust statistics. */
  PRICE_SPIKE
}
