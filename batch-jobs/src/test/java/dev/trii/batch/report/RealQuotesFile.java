package dev.trii.batch.report;

import dev.trii.core.market.Bar;
import dev.trii.core.testing.BarsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads one of ingestion's real public data files ({@code ingestion-flink/src/test/resources/realdata}, described
 * in its {@code files.csv}) the way ingestion stores it: the lines its {@code defects.csv} names become
 * {@code quote_rejects} with the expected reason, every other quote goes into 1-minute bars of the mid (open and close
 * by event time then line, high, low, the volume of trades, quote count, mean spread), as the Flink job's bar
 * accumulator builds them.
 */
final class RealQuotesFile {

  /** The real data files, from the batch-jobs module's folder (where Maven runs the tests). */
  static final Path FOLDER = Path.of("..", "ingestion-flink", "src", "test", "resources", "realdata");

  /** What a load wrote. */
  record Loaded(int quotes, int rejects, int bars) {}

  private RealQuotesFile() {}

  static Loaded load(DataSource dataSource, String fileName) {
    Path file = FOLDER.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError("real data file " + file.toAbsolutePath() + " is missing: run the tests from the "
          + "batch-jobs module of the repository (ingestion-flink holds the files)");
    }
    Map<Integer, String> defects = defects(fileName);
    Map<String, TreeMap<Long, Minute>> minutes = new HashMap<>();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    List<Object[]> rejects = new ArrayList<>();
    int quotes = 0;
    try {
      List<String> lines = Files.readAllLines(file);
      for (int number = 2; number <= lines.size(); number++) {
        String line = lines.get(number - 1);
        String[] f = line.split(",", -1);
        Instant time = Instant.parse(f[1]);
        String reason = defects.get(number);
        if (reason != null) {
          rejects.add(new Object[] {fileName + ":" + number, "file", reason, "listed in defects.csv", f[0],
              Timestamp.from(time), line});
          continue;
        }
        double bid = Double.parseDouble(f[2]);
        double ask = Double.parseDouble(f[3]);
        double last = f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6]);
        BigDecimal volume = f[7].isEmpty() ? BigDecimal.ZERO : new BigDecimal(f[7]);
        long minute = Bar.minuteOf(time.toEpochMilli());
        minutes.computeIfAbsent(f[0], s -> new TreeMap<>()).computeIfAbsent(minute, m -> new Minute())
            .add(time.toEpochMilli(), (bid + ask) / 2, ask - bid, last, volume);
        quotes++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jdbc.batchUpdate("insert into quote_rejects (reject_key, source, reason, detail, symbol, event_time, raw_payload) "
        + "values (?, ?, ?, ?, ?, ?, ?)", rejects);
    List<Bar> bars = new ArrayList<>();
    minutes.forEach((symbol, bySymbol) -> bySymbol.forEach((time, minute) -> bars.add(minute.bar(symbol, time))));
    BarsTable.upsert(dataSource, bars);
    return new Loaded(quotes, rejects.size(), bars.size());
  }

  /** The defective lines of a file and the reason ingestion rejects each for. */
  private static Map<Integer, String> defects(String fileName) {
    Map<Integer, String> defects = new HashMap<>();
    try {
      for (String line : Files.readAllLines(FOLDER.resolve("defects.csv"))) {
        String[] f = line.split(",", 4);
        if (f[0].equals(fileName)) {
          defects.put(Integer.parseInt(f[1]), f[2]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return defects;
  }

  /** One symbol's minute so far: open and close by event time, ties by line (the sequence of a file). */
  private static final class Minute {
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private double open = Double.NaN;
    private double high = Double.NEGATIVE_INFINITY;
    private double low = Double.POSITIVE_INFINITY;
    private double close;
    private BigDecimal volume = BigDecimal.ZERO;
    private double notional;
    private int quotes;
    private double spreads;

    void add(long time, double mid, double spread, double last, BigDecimal traded) {
      if (time < firstTime) {
        firstTime = time;
        open = mid;
      }
      if (time >= lastTime) {
        lastTime = time;
        close = mid;
      }
      high = Math.max(high, mid);
      low = Math.min(low, mid);
      if (traded.signum() > 0 && !Double.isNaN(last)) {
        volume = volume.add(traded);
        notional += last * traded.doubleValue();
      }
      quotes++;
      spreads += spread;
    }

    Bar bar(String symbol, long time) {
      double traded = volume.doubleValue();
      return new Bar(symbol, time, open, high, low, close, traded, traded > 0 ? notional / traded : Double.NaN,
          quotes, spreads / quotes);
    }
  }
}
