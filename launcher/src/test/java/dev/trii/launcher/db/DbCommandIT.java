package dev.trii.launcher.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.testing.TriiProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trii db migrate} and {@code trii db retention} as an operator runs them (their own process): the schema is
 * created once and then reported up to date; retention is off until a span is given, counts before it deletes, and
 * counts from ingestion time (ten-year-old history loaded today stays).
 */
class DbCommandIT {

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  @TempDir static Path home;

  private static TriiProcess.Result trii(Map<String, String> extra, String... args) throws Exception {
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    settings.putAll(extra);
    return TriiProcess.run(home, settings, args);
  }

  @Test
  void migrateIsIdempotentAndSaysWhatItDid() throws Exception {
    TriiProcess.Result run = trii(Map.of(), "db", "migrate");
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("already up to date", "plain PostgreSQL tables");
    assertThat(db.count("trii_schema_history where version = '9' and success")).isOne();
  }

  @Test
  void retentionIsOffUntilASpanIsGivenAndCountsBeforeItDeletes() throws Exception {
    db.jdbc().update("insert into quotes (symbol, event_time, seq, bid, ask, bid_size, ask_size, volume, source, "
        + "ingested_at) select 'IBM', timestamptz '2016-03-01 14:30:00+00' + n * interval '1 minute', n, 100, 100.02, "
        + "1, 1, 0, 'file', case when n <= 10 then now() - interval '6 years' else now() end "
        + "from generate_series(1, 50) n");

    TriiProcess.Result off = trii(Map.of(), "db", "retention");
    assertThat(off.exitCode()).isEqualTo(2);
    assertThat(String.join("\n", off.stderr())).contains("trii: quote retention is off: give --keep INTERVAL or set "
        + "TRII_QUOTES_RETENTION");

    TriiProcess.Result dryRun = trii(Map.of("TRII_QUOTES_RETENTION", "5 years"), "db", "retention");
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.stdout()).contains("keep 5 years after ingestion: 10 of 50 quotes were ingested before",
        "dry run: nothing deleted");
    assertThat(db.count("quotes where symbol = 'IBM'")).isEqualTo(50);

    TriiProcess.Result apply = trii(Map.of(), "db", "retention", "--keep", "5 years", "--apply");
    assertThat(apply.exitCode()).as("%s", apply).isZero();
    assertThat(apply.stdout()).contains("deleted 10 quotes");
    assertThat(db.count("quotes where symbol = 'IBM'")).as("the history loaded today stays").isEqualTo(40);

    TriiProcess.Result bad = trii(Map.of(), "db", "retention", "--keep", "forever");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(String.join("\n", bad.stderr())).contains("trii: quote retention must be a PostgreSQL interval");
  }
}
