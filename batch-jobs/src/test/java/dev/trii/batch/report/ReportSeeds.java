package dev.trii.batch.report;

import dev.trii.core.market.Bar;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/** Named rows for the report tests: 24×7 crypto bars, quality verdicts, rejects, stale events, live accuracy. */
final class ReportSeeds {

  private ReportSeeds() {}

  /**
   * A seeded day of 1-minute crypto bars from UTC midnight: a random walk of about 0.05 % a minute from
   * {@code price}, fractional volumes, a spread of a few basis points; {@code minutes} bars, leaving out those in
   * {@code [gapFrom, gapTo)}.
   */
  static List<Bar> cryptoDay(String symbol, LocalDate date, double price, long seed, int minutes, int gapFrom,
      int gapTo) {
    SplittableRandom random = new SplittableRandom(seed);
    long start = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    List<Bar> bars = new ArrayList<>();
    double mid = price;
    for (int m = 0; m < minutes; m++) {
      double open = mid;
      double high = open;
      double low = open;
      for (int step = 0; step < 6; step++) {
        mid *= Math.exp(random.nextGaussian() * 0.0002);
        high = Math.max(high, mid);
        low = Math.min(low, mid);
      }
      if (m >= gapFrom && m < gapTo) {
        continue;
      }
      double spread = mid * (0.0002 + 0.0003 * random.nextDouble());
      double volume = Math.round(random.nextDouble() * 4_000) / 1_000.0;
      bars.add(new Bar(symbol, start + m * Bar.MINUTE_MILLIS, round(open), round(high), round(low), round(mid),
          volume, round(mid), 10 + random.nextInt(30), spread));
    }
    return bars;
  }

  static void check(JdbcTemplate jdbc, LocalDate date, String symbol, String check, boolean passed, double value,
      double threshold) {
    jdbc.update("insert into quality_checks (trading_date, symbol, check_name, status, value, threshold, detail) "
        + "values (?, ?, ?, ?, ?, ?, ?)", Date.valueOf(date), symbol, check, passed ? "PASS" : "FAIL", value,
        threshold, check + " " + value + (passed ? " within " : " beyond ") + threshold);
  }

  /** The same verdict for several checks of a symbol's day. */
  static void passes(JdbcTemplate jdbc, LocalDate date, String symbol, String... checks) {
    for (String check : checks) {
      check(jdbc, date, symbol, check, true, 0, 1);
    }
  }

  static void reject(JdbcTemplate jdbc, String key, String reason, String symbol, Instant eventTime,
      Instant receivedAt) {
    jdbc.update("insert into quote_rejects (reject_key, source, reason, detail, symbol, event_time, raw_payload, "
        + "received_at) values (?, 'test', ?, ?, ?, ?, ?, ?)", key, reason, reason + " in a test", symbol,
        eventTime == null ? null : Timestamp.from(eventTime), "{\"symbol\":\"" + symbol + "\"}",
        Timestamp.from(receivedAt));
  }

  static void staleEvent(JdbcTemplate jdbc, String symbol, Instant since, Instant detectedAt, Instant resumedAt) {
    jdbc.update("insert into ingestion_events (kind, symbol, since, detected_at, resumed_at, detail, source) "
        + "values ('SYMBOL_STALE', ?, ?, ?, ?, 'no record for 10 min of open market', 'test')", symbol,
        Timestamp.from(since), Timestamp.from(detectedAt), resumedAt == null ? null : Timestamp.from(resumedAt));
  }

  /** One day of live-accuracy counts: {@code labelled} predictions with {@code hits} hits, and a few others. */
  static void liveDay(JdbcTemplate jdbc, String model, int version, LocalDate date, long labelled, long hits) {
    long unlabellable = labelled / 10;
    jdbc.update("insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, hits, "
        + "unlabellable, pending, refreshed_at) values (?, ?, ?, ?, ?, ?, ?, 0, now())", model, version,
        Date.valueOf(date), labelled + unlabellable, labelled, hits, unlabellable);
  }

  private static double round(double price) {
    return Math.round(price * 100) / 100.0;
  }
}
