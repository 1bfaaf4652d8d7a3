package dev.trii.ingestion.source;

import dev.trii.core.market.RejectReason;

/**
 * A fault the simulator injects into one record, each with the outcome a correct validation gives it under the
 * default rules (null: the record is accepted).
 */
public enum SimulatedFault {
  /** Bid raised 1–3 cents above the ask. */
  CROSSED_QUOTE(RejectReason.CROSSED_MARKET),
  /** Bid set to zero, or ask made negative. */
  NON_POSITIVE_PRICE(RejectReason.NON_POSITIVE_PRICE),
  /** Bid sent as {@code NaN}. */
  NON_FINITE_PRICE(RejectReason.NON_FINITE_PRICE),
  /** Bid size made negative. */
  NEGATIVE_SIZE(RejectReason.NEGATIVE_SIZE),
  /** A trade at the ask sent with a volume of zero. */
  ZERO_SIZE_TRADE(RejectReason.ZERO_SIZE_TRADE),
  /** The JSON text cut off part way. */
  MALFORMED_JSON(RejectReason.MALFORMED),
  /** One required field (symbol, ts, bid, ask, bid_size, ask_size) left out. */
  MISSING_FIELD(RejectReason.MISSING_FIELD),
  /** The symbol sent in lower case. */
  INVALID_SYMBOL(RejectReason.INVALID_SYMBOL),
  /**
   * The symbol sent with a {@code .X} suffix: well-formed but not one of the simulated symbols; rejected only when
   * the rules carry a reference list (accepted as a new symbol otherwise). Not part of {@link FaultRates#uniform}.
   */
  UNKNOWN_SYMBOL(RejectReason.UNKNOWN_SYMBOL),
  /** The ask raised 8–20% above the bid. */
  WIDE_SPREAD(RejectReason.SPREAD_TOO_WIDE),
  /**
   * Bid and ask both moved 5–15% the way the price has been drifting (a bad print beyond the levels just traded); only
   * once the symbol has quoted 20 times that session.
   */
  PRICE_SPIKE(RejectReason.PRICE_SPIKE),
  /**
   * The symbol's previous quote sent again instead of this one (same payload, its own source reference); only when
   * that previous quote, in the same minute, was clean.
   */
  DUPLICATE(RejectReason.DUPLICATE),
  /** Event time moved back by up to 40 s (within the allowed lateness): accepted, possibly updating a fired bar. */
  OUT_OF_ORDER(null),
  /** Event time moved back by 4–30 minutes: beyond the allowed lateness. */
  LATE_EVENT(RejectReason.LATE_EVENT),
  /** Event time moved forward by 1–52 weeks. */
  FUTURE_TIMESTAMP(RejectReason.FUTURE_TIMESTAMP),
  /** Event time moved back by 2 hours to 1,000 days. */
  STALE_TIMESTAMP(RejectReason.STALE_TIMESTAMP);

  private final RejectReason expectedReason;

  SimulatedFault(RejectReason expectedReason) {
    this.expectedReason = expectedReason;
  }

  /** The reason a correct validation rejects a record with this fault, null when it accepts it. */
  public RejectReason expectedReason() {
    return expectedReason;
  }

  /** Faults that move the record's event time (injected only after the symbol's first minute of a session). */
  public boolean movesEventTime() {
    return this == OUT_OF_ORDER || this == LATE_EVENT || this == FUTURE_TIMESTAMP || this == STALE_TIMESTAMP;
  }
}
