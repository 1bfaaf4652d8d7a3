package dev.trii.batch.quality;

import dev.trii.core.market.TradingSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Adds the bars behind a day's counts: start time and close of every bar of the regular session (of the whole
 * calendar day when the date is not a trading day).
 */
public class LoadSessionEvidence implements ItemProcessor<DaySymbolStats, SessionEvidence> {

  private static final String SQL =
      "select bar_time, close from bars_1m where symbol = ? and bar_time >= ? and bar_time < ? order by bar_time";

  private final JdbcTemplate jdbc;
  private final TradingSession session;

  public LoadSessionEvidence(DataSource dataSource, TradingSession session) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.session = session;
  }

  @Override
  public SessionEvidence process(DaySymbolStats day) {
    Instant from;
    Instant to;
    if (session.isTradingDay(day.tradingDate())) {
      from = session.openOn(day.tradingDate());
      to = session.closeOn(day.tradingDate());
    } else {
      ZonedDateTime start = day.tradingDate().atStartOfDay(session.zone());
      from = start.toInstant();
      to = start.plusDays(1).toInstant();
    }
    List<Long> times = new ArrayList<>();
    List<Double> closes = new ArrayList<>();
    jdbc.query(SQL, rs -> {
      times.add(rs.getTimestamp(1).getTime());
      closes.add(rs.getDouble(2));
    }, day.symbol(), Timestamp.from(from), Timestamp.from(to));
    long[] barTimes = times.stream().mapToLong(Long::longValue).toArray();
    double[] barCloses = closes.stream().mapToDouble(Double::doubleValue).toArray();
    return new SessionEvidence(day, barTimes, barCloses);
  }
}
