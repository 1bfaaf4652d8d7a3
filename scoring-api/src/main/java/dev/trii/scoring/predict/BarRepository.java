package dev.trii.scoring.predict;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a symbol's latest bars from {@code bars_1m}: the bars of its latest trading date (in its own calendar) within
 * {@link FeatureSet#LOOKBACK_MINUTES} of its latest bar, which is all the features of that bar may read.
 */
public final class BarRepository {

  private static final String LATEST_BARS = """
      select symbol, bar_time, open, high, low, close, volume, vwap, quote_count, mean_spread
        from bars_1m
       where symbol = ?
         and bar_time > (select max(bar_time) from bars_1m where symbol = ?) - make_interval(mins => ?)
       order by bar_time""";

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;

  public BarRepository(DataSource dataSource, InstrumentReference instruments) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.instruments = instruments;
  }

  /** The symbol's bars of its latest session that the latest bar's features may read, oldest first; empty if none. */
  public List<Bar> latestSessionBars(String symbol) {
    List<Bar> bars = jdbc.query(LATEST_BARS, BarRepository::bar, symbol, symbol, FeatureSet.LOOKBACK_MINUTES);
    if (bars.isEmpty()) {
      return bars;
    }
    TradingCalendar calendar = instruments.calendar(symbol);
    LocalDate latestDate = calendar.tradingDate(bars.get(bars.size() - 1).barTime());
    return bars.stream().filter(bar -> calendar.tradingDate(bar.barTime()).equals(latestDate)).toList();
  }

  private static Bar bar(ResultSet rs, int row) throws SQLException {
    double vwap = rs.getDouble("vwap");
    if (rs.wasNull()) {
      vwap = Double.NaN;
    }
    return new Bar(rs.getString("symbol"), rs.getTimestamp("bar_time").getTime(), rs.getDouble("open"),
        rs.getDouble("high"), rs.getDouble("low"), rs.getDouble("close"), rs.getDouble("volume"), vwap,
        rs.getInt("quote_count"), rs.getDouble("mean_spread"));
  }
}
