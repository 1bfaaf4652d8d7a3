package dev.trii.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.TestDatabase;
import dev.trii.training.gate.QualityChecksReader;
import dev.trii.training.gate.QualityChecksReader.FailedSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loader against real PostgreSQL: values (missing ones included) and order survive the binary transfer. */
class FeatureRowsLoaderIT {

  private static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    db.jdbc().update("insert into feature_sets (version, feature_names, horizon_minutes, dead_zone_bps) "
        + "values ('t1', array['a', 'b', 'c'], 5, 1.0)");
    insert("BBB", "2024-03-04T14:31:00Z", "{0.25,NaN,-3.5}", 1);
    insert("AAA", "2024-03-04T14:31:00Z", "{1e-7,2.5,1e30}", 0);
    insert("AAA", "2024-03-04T14:30:00Z", "{-0.0,4,5}", 1);
    insert("CCC", "2024-03-04T14:30:00Z", "{7,8,9}", null); // inside the dead zone: no label
    db.jdbc().update("insert into quality_checks (trading_date, symbol, check_name, status) "
        + "values ('2024-03-04', 'BBB', 'gaps', 'FAIL'), ('2024-03-04', 'AAA', 'gaps', 'PASS')");
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static void insert(String symbol, String ts, String features, Integer label) {
    db.jdbc().update("insert into feature_rows (feature_set, symbol, ts, trading_date, features, label) "
        + "values ('t1', ?, ?, ?, ?::float8[], ?)", symbol, Timestamp.from(Instant.parse(ts)),
        LocalDate.of(2024, 3, 4), features, label);
  }

  @Test
  void readsLabelledRowsInTimeThenSymbolOrderWithMissingValuesAsNaN() {
    FeatureRowsLoader loader = new FeatureRowsLoader(db.dataSource());

    LabelledDataset data = loader.load(loader.definition("t1"));

    assertThat(data.rows()).isEqualTo(3);
    assertThat(data.featureNames()).containsExactly("a", "b", "c");
    assertThat(new String[] {data.symbol(0), data.symbol(1), data.symbol(2)}).containsExactly("AAA", "AAA", "BBB");
    assertThat(data.timestamp(0)).isEqualTo(Instant.parse("2024-03-04T14:30:00Z").toEpochMilli());
    assertThat(data.row(0)).containsExactly(-0.0f, 4f, 5f);
    assertThat(data.row(1)).containsExactly(1e-7f, 2.5f, 1e30f);
    assertThat(data.row(2)[0]).isEqualTo(0.25f);
    assertThat(data.row(2)[1]).isNaN();
    assertThat(data.labels()).containsExactly(1f, 0f, 1f);
  }

  @Test
  void leavesOutSessionsWithAFailedQualityCheckWhenAsked() {
    FeatureRowsLoader loader = new FeatureRowsLoader(db.dataSource());
    List<FailedSession> failed = new QualityChecksReader(db.dataSource()).failedSessions("t1");

    LabelledDataset data = loader.load(loader.definition("t1"), failed);

    assertThat(data.rows()).isEqualTo(2);
    assertThat(new String[] {data.symbol(0), data.symbol(1)}).containsOnly("AAA");
  }

  @Test
  void readsOnlyTheRowsOfARecordedRangeAndTheirFingerprintIsStable() {
    FeatureRowsLoader loader = new FeatureRowsLoader(db.dataSource());
    FeatureSetDefinition definition = loader.definition("t1");
    Instant first = Instant.parse("2024-03-04T14:30:00Z");

    LabelledDataset firstMinute = loader.load(definition, List.of(), first, first);
    LabelledDataset all = loader.load(definition, List.of(), first, Instant.parse("2024-03-04T14:31:00Z"));

    assertThat(firstMinute.rows()).isEqualTo(1);
    assertThat(firstMinute.symbol(0)).isEqualTo("AAA");
    assertThat(all.sha256()).isEqualTo(loader.load(definition).sha256()).isNotEqualTo(firstMinute.sha256())
        .hasSize(64);
  }

  @Test
  void quotesSessionsAndVersionsItPutsIntoTheCopyStatement() {
    FeatureRowsLoader loader = new FeatureRowsLoader(db.dataSource());
    FailedSession odd = new FailedSession(LocalDate.of(2024, 3, 4), "A'\"B\\", List.of("gaps"));

    LabelledDataset data = loader.load(loader.definition("t1"), List.of(odd));

    assertThat(data.rows()).isEqualTo(3);
  }

  @Test
  void readsTheRowsOfOneFeatureSetVersionOnly() {
    db.jdbc().update("insert into feature_sets (version, feature_names, horizon_minutes, dead_zone_bps) "
        + "values ('t2', array['a', 'b', 'c'], 1, 1.0)");
    db.jdbc().update("insert into feature_rows (feature_set, symbol, ts, trading_date, features, label) "
        + "values ('t2', 'AAA', '2024-03-04T14:32:00Z', '2024-03-04', '{1,2,3}', 1)");
    FeatureRowsLoader loader = new FeatureRowsLoader(db.dataSource());
    try {
      assertThat(loader.load(loader.definition("t1")).rows()).isEqualTo(3);
      assertThat(loader.load(loader.definition("t2")).rows()).isEqualTo(1);
    } finally {
      db.jdbc().update("delete from feature_rows where feature_set = 't2'");
      db.jdbc().update("delete from feature_sets where version = 't2'");
    }
  }
}
