package dev.trii.training.gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

  /** Sessions (trading date × symbol) that have labelled rows of the feature set. */
  public long labelledSessions(String featureSet) {
    Long count = jdbc.queryForObject("select count(*) from (select distinct symbol, trading_date from feature_rows "
        + "where feature_set = ? and label is not null) s", Long.class, featureSet);
    return count == null ? 0 : count;
  }

  /**
   * The checks of the trading dates {@code [from, to]} of the sessions training read (the excluded sessions'
   * checks are not counted), or empty when no check was recorded and nothing was excluded.
   *
   * @param excluded sessions left out of training
   * @param labelledSessions sessions with labelled rows, excluded ones included
   */
  public Optional<QualityEvidence> forDates(LocalDate from, LocalDate to, List<FailedSession> excluded,
      long labelledSessions) {
    Set<String> left = new HashSet<>();
    excluded.forEach(session -> left.add(session.key()));
    List<String> failures = new ArrayList<>();
    int[] checks = {0};
    jdbc.query("select trading_date, symbol, check_name, status from quality_checks "
            + "where trading_date between ? and ? order by trading_date, symbol, check_name",
        rs -> {
          String session = rs.getDate(1).toLocalDate() + " " + rs.getString(2);
          if (left.contains(session)) {
            return;
          }
          checks[0]++;
          if (!"PASS".equals(rs.getString(4))) {
            failures.add(session + " " + rs.getString(3));
          }
        }, from, to);
    if (checks[0] == 0 && excluded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new QualityEvidence(from, to, checks[0], failures,
        excluded.stream().map(FailedSession::describe).toList(), labelledSessions));
  }
}
