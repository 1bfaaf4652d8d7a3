package dev.trii.ingestion.sink;

import dev.trii.core.market.Bar;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * Upserts a one-minute bar: a recomputed bar replaces the stored one when it covers at least as many quotes and a
 * value actually changed ({@code updated_at} moves only then). A window only grows, so the last emission of a bar is
 * the complete one; the partial emissions a replay produces on the way (before a late quote arrives again) never
 * overwrite it, and a replay leaves the table untouched.
 */
public final class BarStatement implements JdbcStatementBuilder<Bar> {

  private static final long serialVersionUID = 1L;

  public static final String SQL = "insert into bars_1m "
      + "(symbol, bar_time, open, high, low, close, volume, vwap, quote_count, mean_spread, close_bid_size, "
      + "close_ask_size, mean_imbalance) "
      + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "on conflict (symbol, bar_time) do update set "
      + "open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, "
      + "volume = excluded.volume, vwap = excluded.vwap, quote_count = excluded.quote_count, "
      + "mean_spread = excluded.mean_spread, close_bid_size = excluded.close_bid_size, "
      + "close_ask_size = excluded.close_ask_size, mean_imbalance = excluded.mean_imbalance, updated_at = now() "
      + "where excluded.quote_count >= bars_1m.quote_count and (bars_1m.open, bars_1m.high, bars_1m.low, "
      + "bars_1m.close, bars_1m.volume, bars_1m.vwap, bars_1m.quote_count, bars_1m.mean_spread, "
      + "bars_1m.close_bid_size, bars_1m.close_ask_size, bars_1m.mean_imbalance) is distinct from (excluded.open, "
      + "excluded.high, excluded.low, excluded.close, excluded.volume, excluded.vwap, excluded.quote_count, "
      + "excluded.mean_spread, excluded.close_bid_size, excluded.close_ask_size, excluded.mean_imbalance)";

  @Override
  public void accept(PreparedStatement statement, Bar bar) throws SQLException {
    statement.setString(1, bar.symbol());
    statement.setObject(2, Sql.timestamp(bar.barTime()));
    statement.setDouble(3, bar.open());
    statement.setDouble(4, bar.high());
    statement.setDouble(5, bar.low());
    statement.setDouble(6, bar.close());
    statement.setDouble(7, bar.volume());
    Sql.setNullableDouble(statement, 8, bar.vwap());
    statement.setInt(9, bar.quoteCount());
    statement.setDouble(10, bar.meanSpread());
    Sql.setNullableDouble(statement, 11, bar.closeBidSize());
    Sql.setNullableDouble(statement, 12, bar.closeAskSize());
    Sql.setNullableDouble(statement, 13, bar.meanImbalance());
  }
}
