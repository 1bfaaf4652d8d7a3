package dev.trii.batch.features;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads every bar of a symbol's trading date (in its own calendar) from {@code bars_1m}; a session whose bars vanished
 * is filtered out.
 */
public class LoadSessionBars implements ItemProcessor<SessionKey, SessionBars> {

  private static final String SQL = "select symbol, bar_time, open, high, low, close, volume, vwap, quote_count, "
      + "mean_spread from bars_1m where symbol = ? and bar_time >= ? and bar_time < ? order by bar_time";

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;

  public LoadSessionBars(DataSource dataSource, InstrumentReference instruments) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.instruments = instruments;
  }

  @Override
  public SessionBars process(SessionKey key) {
    TradingCalendar calendar = instruments.calendar(key.symbol());
    List<Bar> bars = jdbc.query(SQL, (rs, i) -> {
      double vwap = rs.getDouble(8);
      boolean noTrade = rs.wasNull();
      return new Bar(rs.getString(1), rs.getTimestamp(2).getTime(), rs.getDouble(3), rs.getDouble(4),
          rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), noTrade ? Double.NaN : vwap, rs.getInt(9),
          rs.getDouble(10));
    }, key.symbol(), new Timestamp(calendar.dayStart(key.tradingDate())),
        new Timestamp(calendar.dayStart(key.tradingDate().plusDays(1))));
    return bars.isEmpty() ? null : new SessionBars(key, bars);
  }
}
