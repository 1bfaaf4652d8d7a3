package dev.trii.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsIT {

  private static TestDatabase db;

  @BeforeAll
  static void migrateEmptyDatabase() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void createsTheWholeDataModel() {
    List<String> tables = db.jdbc().queryForList(
        "select table_name from information_schema.tables where table_schema = 'public'", String.class);

    assertThat(tables).contains("quotes", "quote_rejects", "bars_1m", "quality_checks", "feature_sets",
        "feature_rows", "registry_experiments", "registry_runs", "registry_run_metrics", "registry_models",
        "registry_model_versions", "registry_aliases", "registry_alias_history", "promotion_decisions",
        "pipeline_runs", "task_runs", "reports", "batch_job_instance", "batch_step_execution", "qrtz_job_details",
        "qrtz_cron_triggers", "qrtz_locks");
  }

  @Test
  void migratingAnAlreadyMigratedDatabaseAppliesNothing() {
    Migrations.Result again = Migrations.migrate(db.dataSource());

    assertThat(again.applied()).isZero();
    assertThat(again.schemaVersion()).isNotBlank();
  }

  @Test
  void fallsBackToPlainTablesWithBrinIndexesWithoutTimescale() {
    boolean timescale = Migrations.timescaleEnabled(db.dataSource());
    List<String> brinIndexes = db.jdbc().queryForList(
        "select indexname from pg_indexes where indexdef ilike '%using brin%'", String.class);

    if (timescale) {
      assertThat(db.count("timescaledb_information.hypertables where hypertable_name in ('quotes', 'bars_1m')"))
          .isEqualTo(2);
    } else {
      assertThat(brinIndexes).contains("quotes_event_time_brin", "bars_1m_bar_time_brin");
    }
  }

  @Test
  void quoteKeyMakesWritesIdempotent() {
    String upsert = "insert into quotes (symbol, event_time, seq, bid, ask, bid_size, ask_size, source) "
        + "values ('AAPL', '2026-03-02T14:30:00Z', 1, 100.0, 100.02, 100, 200, 'test') on conflict do nothing";
    db.jdbc().update(upsert);
    db.jdbc().update(upsert);

    assertThat(db.count("quotes where symbol = 'AAPL'")).isEqualTo(1);
  }

  @Test
  void quotesAreKeyedByTheirContentWithDecimalSizesAndTheirContributor() {
    assertThat(db.jdbc().queryForList("select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid "
        + "and a.attnum = any(i.indkey) where i.indrelid = 'quotes'::regclass and i.indisprimary order by "
        + "array_position(i.indkey, a.attnum)", String.class))
        .containsExactly("symbol", "event_time", "contributor", "seq", "bid", "ask", "bid_size", "ask_size", "volume");
    assertThat(db.jdbc().queryForList("select data_type from information_schema.columns where table_name = 'quotes' "
        + "and column_name in ('bid_size', 'ask_size', 'volume')", String.class)).containsOnly("numeric");
  }

  @Test
  void thisServersTimescaleStateLetsTheMigrationsRun() {
    TimescaleState state = TimescaleState.of(db.dataSource());
    assertThat(state.problem()).isEmpty();
    assertThat(state.tablesPending()).isFalse();
  }
}
