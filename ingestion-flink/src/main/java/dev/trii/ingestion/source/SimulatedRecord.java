package dev.trii.ingestion.source;

/**
 * One simulated quote: the clean values the market produced and the payload as sent, which differs from them when a
 * fault was injected.
 *
 * @param index position in the simulation (0 to total records - 1)
 * @param reference source reference, {@code sim:<symbol>:<trading date>:<seq>}
 * @param eventTime event time, epoch milliseconds
 * @param seq sequence number of the quote within the symbol's trading day, from 1
 * @param last price of the trade since the symbol's previous quote, NaN when none
 * @param volume shares traded since the symbol's previous quote
 * @param fault the injected fault, null for a clean record
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
    String payload) {

  public static final String SOURCE = "simulator";

  public boolean faulty() {
    return fault != null;
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
