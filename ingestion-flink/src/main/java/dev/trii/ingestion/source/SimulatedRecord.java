package dev.trii.ingestion.source;

import dev.trii.core.market.RejectReason;

/**
 * One simulated record: the clean quote the market produced at this position and the payload as sent, which differs
 * from it when a fault was injected (a duplicate sends the symbol's previous quote instead; time faults send another
 * event time).
 *
 * @param index position in the simulation (0 to total records - 1)
 * @param reference source reference, {@code sim:<symbol>:<trading date>:<seq>}
 * @param eventTime event time of the clean quote, epoch milliseconds
 * @param seq sequence number of the quote within the symbol's trading day, from 1
 * @param last price of the trade since the symbol's previous quote, NaN when none
 * @param volume shares traded since the symbol's previous quote
 * @param fault the injected fault, null for a clean record
 * @param sentEventTime the event time the payload carries
 */
public record SimulatedRecord(
    long index,
    String reference,
    String symbol,
    long eventTime,
    long seq,
    double bid,
    double ask,
    long bidSize,
    long askSize,
    double last,
    long volume,
    SimulatedFault fault,
    String payload,
    long sentEventTime) {

  public static final String SOURCE = "simulator";

  public boolean faulty() {
    return fault != null;
  }

  /** The reason validation must give this record under the default rules; null when it must accept it. */
  public RejectReason expectedReason() {
    return fault == null ? null : fault.expectedReason();
  }

  /** Whether validation must accept this record under the default rules. */
  public boolean accepted() {
    return expectedReason() == null;
  }

  public boolean locked() {
    return bid == ask;
  }

  public double mid() {
    return (bid + ask) / 2.0;
  }

  public RawRecord toRaw() {
    return new RawRecord(SOURCE, reference, payload);
  }
}
