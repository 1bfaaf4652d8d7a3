package dev.trii.ingestion.source;

import dev.trii.core.market.Quote;
import dev.trii.core.market.RejectReason;

/**
 * One simulated record: the clean quote the market produced at this position and the payload as sent, which differs
 * from it when a fault was injected (a duplicate sends the symbol's previous quote instead; time faults send another
 * event time).
 *
 * @param index position in the simulation (0 to total records - 1)
 * @param reference source reference, {@code sim:<symbol>:<trading date>:<seq>}
 * @param quote the clean quote: sequence number within the symbol's trading day from 1, {@code last} NaN and
 *     {@code volume} 0 when nothing traded since the symbol's previous quote, source {@value #SOURCE}
 * @param fault the injected fault, null for a clean record
 * @param sentEventTime the event time the payload carries
 */
public record SimulatedRecord(
    long index,
    String reference,
    Quote quote,
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

  public RawRecord toRaw() {
    return new RawRecord(SOURCE, reference, payload);
  }
}
