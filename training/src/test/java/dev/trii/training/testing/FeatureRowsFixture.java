package dev.trii.training.testing;

import dev.trii.core.features.FeatureRow;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.testing.BarsTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes feature rows computed from generated bars straight into {@code feature_rows} (what the features job
 * does in production), for tests of the training side alone.
 */
public final class FeatureRowsFixture {

  private FeatureRowsFixture() {}

  /**
   * Writes the bars (what ingestion stores, and what the serving path reads), registers the feature set, writes the
   * rows of every session and a PASS quality verdict for each session (what the quality job records for clean data);
   * returns the number of labelled rows.
   */
  public static int write(DataSource dataSource, FeatureSet featureSet, List<List<Bar>> sessions) {
    BarsTable.upsert(dataSource, sessions.stream().flatMap(List::stream).toList());
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update("insert into feature_sets (version, feature_names, horizon_minutes, dead_zone_bps) values (?, ?, ?, ?) "
            + "on conflict (version) do nothing",
        ps -> {
          ps.setString(1, featureSet.version());
          ps.setArray(2, ps.getConnection().createArrayOf("text", featureSet.names().toArray()));
          ps.setInt(3, featureSet.horizonMinutes());
          ps.setDouble(4, featureSet.deadZoneBps());
        });
    List<FeatureRow> rows = new ArrayList<>();
    for (List<Bar> session : sessions) {
      rows.addAll(featureSet.computeSession(session));
    }
    jdbc.batchUpdate("insert into feature_rows (feature_set, symbol, ts, trading_date, features, label, forward_return) "
        + "values (?, ?, ?, ?, ?, ?, ?)", rows, 1_000, (ps, row) -> {
          ps.setString(1, featureSet.version());
          ps.setString(2, row.symbol());
          ps.setTimestamp(3, new Timestamp(row.ts()));
          ps.setDate(4, Date.valueOf(row.tradingDate()));
          ps.setObject(5, row.features());
          if (row.label() == null) {
            ps.setNull(6, Types.SMALLINT);
          } else {
            ps.setInt(6, row.label());
          }
          ps.setDouble(7, row.forwardReturn());
        });
    jdbc.update("""
        insert into quality_checks (trading_date, symbol, check_name, status, value, threshold)
        select distinct trading_date, symbol, 'completeness', 'PASS', 1.0, 0.95 from feature_rows
        on conflict do nothing""");
    return (int) rows.stream().filter(row -> row.label() != null).count();
  }
}
