package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.LocalRun;
import dev.trii.ingestion.testing.QuoteCsv;
import dev.trii.ingestion.testing.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill from a CSV file in the documented format: history from 2009 replays like a live feed (event-time rules
 * judged on the file's own time), every line is accounted for (read = valid + rejected, each bad line under its own
 * line number with its reason and the line as written), bars equal SQL over the stored quotes, and replaying the
 * same file again changes nothing.
 */
class FileReplayIT {

  @TempDir static Path dir;
  @AutoClose private static final TestDatabase db = TestDatabase.create();

  @Test
  void replaysOldHistoryAndAccountsForEveryLine() throws Exception {
    SimulatorSpec history = new SimulatorSpec(List.of("IBM", "GE"), LocalDate.of(2009, 3, 9), 1, 4, 3L, 1.0, 0.0,
        InstrumentReference.builtIn().calendarNamed("us-equities"));
    List<String> lines = new ArrayList<>();
    lines.add(QuoteCsv.HEADER);
    lines.addAll(QuoteCsv.cleanLines(history));
    String t = "2009-03-09T20:00:00Z"; // after the last simulated quote (15:59 New York)
    long ms = Instant.parse(t).toEpochMilli();
    List<String> bad = List.of(
        "XOM,2009-03-09T15:59:30-04:00,85.10,85.12,100,100,,0,90001",     // offset form, 19:59:30Z: valid
        "XOM," + (ms + 1_000) + ",85.10,85.12,100,100,85.12,200,90002",   // epoch millis: valid
        "\"XOM\",\"" + t + "\",85.10,85.12,100,100,,0,90003",             // quoted fields: valid
        "XOM," + t + ",85.15,85.12,100,100,,0,90004",                     // CROSSED_MARKET
        "XOM," + t + ",,85.12,100,100,,0,90005",                          // MISSING_FIELD
        "XOM," + t + ",85.10,85.12,100",                                  // MALFORMED (5 columns)
        "XOM," + t + ",NaN,85.12,100,100,,0,90007",                       // NON_FINITE_PRICE
        "XOM," + t + ",85.10,85.12,-100,100,,0,90008",                    // NEGATIVE_SIZE
        "xom," + t + ",85.10,85.12,100,100,,0,90009",                     // INVALID_SYMBOL
        "XOM," + t + ",85.10,95.12,100,100,,0,90010",                     // SPREAD_TOO_WIDE
        "XOM," + t + ",85.10,85.12,100,100,,0,90003",                     // DUPLICATE of the quoted line
        "XOM,2009-03-09T19:50:00Z,85.10,85.12,100,100,,0,90012",          // LATE_EVENT (10 min behind)
        "XOM,2009-03-09T10:00:00Z,85.10,85.12,100,100,,0,90013",          // STALE_TIMESTAMP
        "XOM,2009-03-11T18:00:00Z,85.10,85.12,100,100,,0,90014",          // FUTURE_TIMESTAMP (a session ahead)
        "XOM,not-a-time,85.10,85.12,100,100,,0,90015",                    // MALFORMED
        "");                                                              // blank: skipped, not a record
    lines.addAll(bad);
    Path file = dir.resolve("ibm-ge-2009.csv");
    Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    long records = lines.size() - 2;
    assertThat(FileReplaySource.countRecords(file)).isEqualTo(records);

    LocalRun replay = LocalRun.of(FileReplaySource.of(file, 0), "file " + file, records);
    IngestionResult result = IngestionRunner.run(replay, db.coordinates(), System.out::println);

    assertThat(result.read()).isEqualTo(records).isEqualTo(result.valid() + result.rejectedTotal());
    assertThat(result.rejected()).isEqualTo(Map.ofEntries(Map.entry(RejectReason.CROSSED_MARKET, 1L),
        Map.entry(RejectReason.MISSING_FIELD, 1L), Map.entry(RejectReason.MALFORMED, 2L),
        Map.entry(RejectReason.NON_FINITE_PRICE, 1L), Map.entry(RejectReason.NEGATIVE_SIZE, 1L),
        Map.entry(RejectReason.INVALID_SYMBOL, 1L), Map.entry(RejectReason.SPREAD_TOO_WIDE, 1L),
        Map.entry(RejectReason.DUPLICATE, 1L), Map.entry(RejectReason.LATE_EVENT, 1L),
        Map.entry(RejectReason.STALE_TIMESTAMP, 1L), Map.entry(RejectReason.FUTURE_TIMESTAMP, 1L)));
    assertThat(result.valid()).isEqualTo(history.totalRecords() + 3);
    assertThat(db.count("quotes where source = 'file'")).isEqualTo(result.valid());
    assertThat(db.count("quotes where event_time < '2010-01-01'")).isEqualTo(result.valid());

    // each reject under its line number, with the line as written
    String prefix = "file:" + file.toAbsolutePath().normalize() + ":";
    int firstBadLine = lines.size() - bad.size() + 1;
    assertThat(db.jdbc().queryForObject("select reason from quote_rejects where reject_key = ?", String.class,
        prefix + (firstBadLine + 3))).isEqualTo("CROSSED_MARKET");
    assertThat(db.jdbc().queryForObject("select raw_payload from quote_rejects where reject_key = ?", String.class,
        prefix + (firstBadLine + 3))).isEqualTo(bad.get(3));
    assertThat(db.jdbc().queryForObject("select reason from quote_rejects where reject_key = ?", String.class,
        prefix + (firstBadLine + 10))).isEqualTo("DUPLICATE");
    assertThat(db.count("quotes where seq in (90001, 90002, 90003)")).isEqualTo(3);

    assertThat(result.bars()).isEqualTo(db.count("bars_1m"));
    assertThat(Tables.barsDifferingFromSqlOverQuotes(db)).isZero();

    String before = Tables.fullFingerprint(db);
    IngestionResult again = IngestionRunner.run(replay, db.coordinates(), System.out::println);
    assertThat(again).usingRecursiveComparison().ignoringFields("took").isEqualTo(result);
    assertThat(Tables.fullFingerprint(db)).isEqualTo(before);
  }
}
