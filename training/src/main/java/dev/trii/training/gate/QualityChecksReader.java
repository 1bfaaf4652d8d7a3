package dev.trii.training.gate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the latest data-quality verdicts ({@code quality_checks}, one row per date, symbol and check). */
public final class QualityChecksReader {

  private final JdbcTemplate jdbc;

  public QualityChecksReader(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The checks of the trading dates {@code [from, to]}, or empty when none were recorded. */
  public Optional<QualityEvidence> forDates(LocalDate from, LocalDate to) {
    List<String> failures = new ArrayList<>();
    int[] checks = {0};
    jdbc.query("select trading_date, symbol, check_name, status from quality_checks "
            + "where trading_date between ? and ? order by trading_date, symbol, check_name",
        rs -> {
          checks[0]++;
          if (!"PASS".equals(rs.getString(4))) {
            failures.add(rs.getDate(1).toLocalDate() + " " + rs.getString(2) + " " + rs.getString(3));
          }
        }, from, to);
    return checks[0] == 0 ? Optional.empty() : Optional.of(new QualityEvidence(from, to, checks[0], failures));
  }
}
