package dev.trii.ingestion.testing;

import dev.trii.core.market.Quote;
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
      SimulatedRecord record = simulator.record(i);
      if (!record.faulty()) {
        lines.add(line(record.quote()));
      }
    }
    return lines;
  }

  private static String line(Quote quote) {
    String last = Double.isNaN(quote.last()) ? "" : String.format(Locale.ROOT, "%.2f", quote.last());
    return String.format(Locale.ROOT, "%s,%s,%.2f,%.2f,%s,%s,%s,%s,%d", quote.symbol(),
        Instant.ofEpochMilli(quote.eventTime()), quote.bid(), quote.ask(), quote.bidSize().toPlainString(),
        quote.askSize().toPlainString(), last, quote.volume().toPlainString(), quote.seq());
  }
}
