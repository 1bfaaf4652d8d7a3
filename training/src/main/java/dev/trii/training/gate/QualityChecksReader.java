package dev.trii.training.gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the latest data-quality verdicts ({@code quality_checks}, one row per date, symbol and check). */
public final class QualityChecksReader {

  /** A session (trading date × symbol) with at least one failed check. */
  public record FailedSession(LocalDate tradingDate, String symbol, List<String> failedChecks) {

    public FailedSession {
      failedChecks = List.copyOf(failedChecks);
    }

    /** E.g. {@code 2024-03-05 AAA (completeness, gaps)}. */
    public String describe() {
      return tradingDate + " " + symbol + " (" + String.join(", ", failedChecks) + ")";
    }

    String key() {
      return tradingDate + " " + symbol;
    }
  }

  private final JdbcTemplate jdbc;

  public QualityChecksReader(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Sessions with labelled rows of the feature set and at least one failed check, by date and symbol. */
  public List<FailedSession> failedSessions(String featureSet) {
    return jdbc.query("""
        select q.trading_date, q.symbol, array_agg(q.check_name order by q.check_name)
        from quality_checks q
        where q.status <> 'PASS'
          and exists (select 1 from feature_rows f where f.feature_set = ? and f.symbol = q.symbol
                        and f.trading_date = q.trading_date and f.label is not null)
        group by q.trading_date, q.symbol
        order by q.trading_date, q.symbol
        """, (rs, i) -> new FailedSession(rs.getDate(1).toLocalDate(), rs.getString(2),
        List.of((String[]) rs.getArray(3).getArray())), featureSet);
  }

  /**
   * The verdicts of every session with labelled rows of the feature set, except the excluded ones: the checks
   * recorded, the failed ones, and the sessions with no verdict at all.
   *
   * @param excluded sessions left out of training
   */
  public QualityEvidence forSessionsTrainedOn(String featureSet, List<FailedSession> excluded) {
    Set<String> left = new HashSet<>();
    excluded.forEach(session -> left.add(session.key()));
    List<String> failures = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    int[] checks = {0};
    long[] sessions = {0};
    String[] previous = {null};
    jdbc.query("""
        select s.trading_date, s.symbol, q.check_name, q.status
        from (select distinct trading_date, symbol from feature_rows
              where feature_set = ? and label is not null) s
        left join quality_checks q on q.trading_date = s.trading_date and q.symbol = s.symbol
        order by s.trading_date, s.symbol, q.check_name
        """, rs -> {
          String session = rs.getDate(1).toLocalDate() + " " + rs.getString(2);
          String check = rs.getString(3);
          if (!session.equals(previous[0])) {
            sessions[0]++;
            previous[0] = session;
          }
          if (left.contains(session)) {
            return;
          }
          if (check == null) {
            unchecked.add(session);
            return;
          }
          checks[0]++;
          if (!"PASS".equals(rs.getString(4))) {
            failures.add(session + " " + check);
          }
        }, featureSet);
    return new QualityEvidence(checks[0], failures, unchecked,
        excluded.stream().map(FailedSession::describe).toList(), sessions[0]);
  }
}
