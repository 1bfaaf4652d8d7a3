package dev.trii.batch.quality;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Adds the bars behind a day's counts: start time and close of every bar of the symbol's regular session (of the
 * whole trading date when it is not a trading day), in the symbol's own calendar.
 */
public class LoadSessionEvidence implements ItemProcessor<DaySymbolStats, SessionEvidence> {

  private static final String SQL =
      "select bar_time, close from bars_1m where symbol = ? and bar_time >= ? and bar_time < ? order by bar_time";

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;

  public LoadSessionEvidence(DataSource dataSource, InstrumentReference instruments) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.instruments = instruments;
  }

  @Override
  public SessionEvidence process(DaySymbolStats day) {
    TradingCalendar calendar = instruments.calendar(day.symbol());
    Instant from;
    Instant to;
    if (calendar.isTradingDay(day.tradingDate())) {
      from = Instant.ofEpochMilli(calendar.openOf(day.tradingDate()));
      to = Instant.ofEpochMilli(calendar.closeOf(day.tradingDate()));
    } else {
      from = Instant.ofEpochMilli(calendar.dayStart(day.tradingDate()));
      to = Instant.ofEpochMilli(calendar.dayStart(day.tradingDate().plusDays(1)));
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
