package dev.trii.ingestion.testing;

import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatedRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the simulator says a correct ingestion of a simulated market produces under the default rules: the reject
 * reason of each faulty record (by source reference) and the key of each accepted quote. A test oracle computed from
 * the simulator's own record of the faults it injected, independent of the job's code.
 *
 * @param rejects source reference to reason, for every record that must be rejected
 * @param quoteKeys {@code symbol|event time|seq} of every quote that must be stored
 * @param locked accepted quotes with bid = ask
 */
public record SimulatedOutcome(Map<String, RejectReason> rejects, Set<String> quoteKeys, long locked) {

  public static SimulatedOutcome of(SimulatorSpec spec) {
    MarketSimulator simulator = new MarketSimulator(spec);
    Map<String, RejectReason> rejects = new HashMap<>();
    Set<String> quoteKeys = new HashSet<>();
    long locked = 0;
    for (long i = 0; i < simulator.totalRecords(); i++) {
      SimulatedRecord record = simulator.record(i);
      if (record.accepted()) {
        quoteKeys.add(key(record.quote().symbol(), record.sentEventTime(), record.quote().seq()));
        locked += record.quote().locked() ? 1 : 0;
      } else {
        rejects.put(record.reference(), record.expectedReason());
      }
    }
    return new SimulatedOutcome(rejects, quoteKeys, locked);
  }

  public static String key(String symbol, long eventTime, long seq) {
    return symbol + "|" + eventTime + "|" + seq;
  }

  public long valid() {
    return quoteKeys.size();
  }

  /** Rejects per reason. */
  public Map<RejectReason, Long> rejectsByReason() {
    Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
    rejects.values().forEach(reason -> byReason.merge(reason, 1L, Long::sum));
    return byReason;
  }
}
