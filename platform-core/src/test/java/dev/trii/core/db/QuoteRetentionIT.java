package dev.trii.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trii.core.config.TriiException;
import dev.trii.core.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History kept as asked: a backfill of ten-year-old quotes survives retention, which counts ingestion time, and, on
 * TimescaleDB, every policy job of the quotes and bars hypertables (run at once with {@code CALL run_job}); a late
 * insert into a compressed chunk keeps the table's key. The TimescaleDB tests run where the server has the extension
 * (checked against a real one elsewhere) and are skipped on plain PostgreSQL, whose twin is the retention test.
 */
class QuoteRetentionIT {

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  private static final String BACKFILL = """
      insert into quotes (symbol, event_time, seq, bid, ask, bid_size, ask_size, last, volume, source, contributor)
      select 'AAPL', timestamptz '2016-03-01 14:30:00+00' + n * interval '1 minute', n, 100, 100.02, 1.5, 2, null, 0,
             'file', ''
      from generate_series(1, 500) n
      on conflict do nothing""";

  @BeforeEach
  void backfillTenYearOldHistory() {
    db.jdbc().execute("truncate quotes, bars_1m");
    db.jdbc().update(BACKFILL);
    db.jdbc().update("insert into bars_1m (symbol, bar_time, open, high, low, close, volume, vwap, quote_count, "
        + "mean_spread) select 'AAPL', timestamptz '2016-03-01 14:30:00+00' + n * interval '1 minute', 100, 100, "
        + "100, 100, 0, null, 1, 0.02 from generate_series(1, 500) n");
  }

  @Test
  void retentionCountsFromIngestionSoBackfilledHistoryStays() {
    QuoteRetention retention = new QuoteRetention(db.dataSource());
    QuoteRetention.Plan plan = retention.plan("5 years");
    assertThat(plan.rows()).isZero();
    assertThat(plan.total()).isEqualTo(500);
    assertThat(retention.apply(plan)).isZero();
    assertThat(db.count("quotes")).isEqualTo(500);

    db.jdbc().update("update quotes set ingested_at = now() - interval '6 years' where seq <= 100");
    QuoteRetention.Plan old = retention.plan("5 years");
    assertThat(old.rows()).isEqualTo(100);
    assertThat(old.oldest()).hasToString("2016-03-01T14:31:00Z");
    assertThat(db.count("quotes")).as("a dry run deletes nothing").isEqualTo(500);
    assertThat(retention.apply(old)).isEqualTo(100);
    assertThat(db.count("quotes")).isEqualTo(400);
    assertThat(db.count("bars_1m")).as("bars are never deleted").isEqualTo(500);
  }

  @Test
  void aRetentionThatIsNoIntervalIsRefusedNamingIt() {
    assertThatThrownBy(() -> new QuoteRetention(db.dataSource()).plan("five years"))
        .isInstanceOf(TriiException.class).hasMessageStartingWith("quote retention must be a PostgreSQL interval "
            + "such as '5 years' or '400 days', got 'five years'");
  }

  @Test
  void everyTimescalePolicyJobLeavesBackfilledHistory() {
    assumeTrue(Migrations.timescaleEnabled(db.dataSource()), "TimescaleDB is not installed on this server");
    List<Integer> jobs = db.jdbc().queryForList("select job_id from timescaledb_information.jobs "
        + "where hypertable_name in ('quotes', 'bars_1m')", Integer.class);
    assertThat(db.jdbc().queryForList("select proc_name from timescaledb_information.jobs "
        + "where hypertable_name = 'quotes'", String.class)).doesNotContain("policy_retention");
    for (int job : jobs) {
      db.jdbc().execute("call run_job(" + job + ")");
    }
    assertThat(db.count("quotes")).isEqualTo(500);
    assertThat(db.count("bars_1m")).isEqualTo(500);
  }

  @Test
  void lateInsertsIntoACompressedChunkKeepTheKey() {
    assumeTrue(Migrations.timescaleEnabled(db.dataSource()), "TimescaleDB is not installed on this server");
    db.jdbc().queryForList("select compress_chunk(c, if_not_compressed => true) from show_chunks('quotes') c");
    assertThat(db.jdbc().update(BACKFILL)).as("a replay of the backfill").isZero();
    db.jdbc().update("insert into quotes (symbol, event_time, seq, bid, ask, bid_size, ask_size, volume, source) "
        + "values ('AAPL', '2016-03-01 14:31:00+00', 1, 100, 100.02, 3, 2, 0, 'file') on conflict do nothing");
    assertThat(db.count("quotes")).as("a different quote in the same second and seq is kept").isEqualTo(501);
  }
}
