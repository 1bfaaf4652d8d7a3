package dev.trii.batch.features;

import dev.trii.core.market.Bar;
import dev.trii.core.market.TradingSession;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads every bar of a session from {@code bars_1m}; a session whose bars vanished is filtered out. */
public class LoadSessionBars implements ItemProcessor<SessionKey, SessionBars> {

  private static final String SQL = "select symbol, bar_time, open, high, low, close, volume, vwap, quote_count, "
      + "mean_spread from bars_1m where symbol = ? and bar_time >= ? and bar_time < ? order by bar_time";

  private final JdbcTemplate jdbc;
  private final TradingSession session;

  public LoadSessionBars(DataSource dataSource, TradingSession session) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.session = session;
  }

  @Override
  public SessionBars process(SessionKey key) {
    ZonedDateTime dayStart = key.tradingDate().atStartOfDay(session.zone());
    List<Bar> bars = jdbc.query(SQL, (rs, i) -> {
      double vwap = rs.getDouble(8);
      return new Bar(rs.getString(1), rs.getTimestamp(2).getTime(), rs.getDouble(3), rs.getDouble(4),
          rs.getDouble(5), rs.getDouble(6), rs.getLong(7), rs.wasNull() ? Double.NaN : vwap, rs.getInt(9),
          rs.getDouble(10));
    }, key.symbol(), Timestamp.from(dayStart.toInstant()), Timestamp.from(dayStart.plusDays(1).toInstant()));
    return bars.isEmpty() ? null : new SessionBars(key, bars);
  }
}
