package dev.trii.ingestion.testing;

import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatedRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes simulated quotes in the documented CSV format ({@code symbol,ts,bid,ask,bid_size,ask_size,last,volume,seq}). */
public final class QuoteCsv {

  public static final String HEADER = "symbol,ts,bid,ask,bid_size,ask_size,last,volume,seq";

  private QuoteCsv() {}

  /** One line per clean record of the simulation (faulty ones left out), ISO timestamps. */
  public static List<String> cleanLines(SimulatorSpec spec) {
    MarketSimulator simulator = new MarketSimulator(spec);
    List<String> lines = new ArrayList<>();
    for (long i = 0; i < simulator.totalRecords(); i++) {
      SimulatedRecord r = simulator.record(i);
      if (!r.faulty()) {
        lines.add(line(r.symbol(), Instant.ofEpochMilli(r.eventTime()).toString(), r.bid(), r.ask(), r.bidSize(),
            r.askSize(), r.last(), r.volume(), r.seq()));
      }
    }
    return lines;
  }

  public static String line(String symbol, String ts, double bid, double ask, long bidSize, long askSize, double last,
      long volume, long seq) {
    return String.format(Locale.ROOT, "%s,%s,%.2f,%.2f,%d,%d,%s,%d,%d", symbol, ts, bid, ask, bidSize, askSize,
        Double.isNaN(last) ? "" : String.format(Locale.ROOT, "%.2f", last), volume, seq);
  }
}
