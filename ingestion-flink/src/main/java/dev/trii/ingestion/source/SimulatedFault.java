package dev.trii.ingestion.source;

import dev.trii.core.market.RejectReason;

/** A corruption the simulator injects into a record, each mapped to the reject reason validation must give it. */
public enum SimulatedFault {
  /** Bid raised 1–3 cents above the ask. */
  CROSSED_QUOTE(RejectReason.CROSSED_MARKET),
  /** Bid set to zero, or ask made negative. */
  NON_POSITIVE_PRICE(RejectReason.NON_POSITIVE_PRICE),
  /** The JSON text cut off part way. */
  MALFORMED_JSON(RejectReason.MALFORMED),
  /** One required field (symbol, ts, bid, ask, bid_size, ask_size) left out. */
  MISSING_FIELD(RejectReason.MISSING_FIELD);

  private final RejectReason expectedReason;

  SimulatedFault(RejectReason expectedReason) {
    this.expectedReason = expectedReason;
  }

  /** The reason a correct validation rejects a record with this fault. */
  public RejectReason expectedReason() {
    return expectedReason;
  }
}
