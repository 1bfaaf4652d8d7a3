package dev.trii.core.market;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads bars from {@code bars_1m}: a whole session (what the features job computes rows from) or a symbol's latest
 * bars (what the scoring API, and the serving-path latency the training gate measures, compute features from). One
 * mapping of the columns for both, so serving and training read the same bar.
 */
public final class BarRepository {

  private static final String COLUMNS = "symbol, bar_time, open, high, low, close, volume, vwap, quote_count, "
      + "mean_spread, close_bid_size, close_ask_size, mean_imbalance";

  private static final String SESSION_BARS = "select " + COLUMNS + " from bars_1m "
      + "where symbol = ? and bar_time >= ? and bar_time < ? order by bar_time";

  private static final String LATEST_BARS = "select " + COLUMNS + " from bars_1m "
      + "where symbol = ? and bar_time > (select max(bar_time) from bars_1m where symbol = ?) - make_interval(mins => ?) "
      + "order by bar_time";

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;

  public BarRepository(DataSource dataSource, InstrumentReference instruments) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.instruments = instruments;
  }

  /** Every bar of the symbol's trading date (in its own calendar), oldest first; empty if none. */
  public List<Bar> sessionBars(String symbol, LocalDate tradingDate) {
    TradingCalendar calendar = instruments.calendar(symbol);
    return jdbc.query(SESSION_BARS, BarRepository::bar, symbol, new Timestamp(calendar.dayStart(tradingDate)),
        new Timestamp(calendar.dayStart(tradingDate.plusDays(1))));
  }

  /**
   * The symbol's bars of its latest session that the latest bar's features may read ({@link
   * FeatureSet#LOOKBACK_MINUTES}), oldest first; empty if none.
   */
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
    return new Bar(rs.getString(1), rs.getTimestamp(2).getTime(), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
        rs.getDouble(6), rs.getDouble(7), nullable(rs, 8), rs.getInt(9), rs.getDouble(10), nullable(rs, 11),
        nullable(rs, 12), nullable(rs, 13));
  }

  /** A nullable double column: NaN for null. */
  private static double nullable(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : value;
  }
}
