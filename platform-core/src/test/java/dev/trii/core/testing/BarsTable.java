package dev.trii.core.testing;

import dev.trii.core.market.Bar;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes bars into {@code bars_1m} as ingestion does (upsert on symbol and minute, {@code updated_at = now()}). */
public final class BarsTable {

  private BarsTable() {}

  public static void upsert(DataSource dataSource, List<Bar> bars) {
    new JdbcTemplate(dataSource).batchUpdate("""
        insert into bars_1m (symbol, bar_time, open, high, low, close, volume, vwap, quote_count, mean_spread,
          close_bid_size, close_ask_size, mean_imbalance, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
        on conflict (symbol, bar_time) do update set open = excluded.open, high = excluded.high, low = excluded.low,
          close = excluded.close, volume = excluded.volume, vwap = excluded.vwap, quote_count = excluded.quote_count,
          mean_spread = excluded.mean_spread, close_bid_size = excluded.close_bid_size,
          close_ask_size = excluded.close_ask_size, mean_imbalance = excluded.mean_imbalance, updated_at = now()
        """, bars, 1_000, (ps, bar) -> {
          ps.setString(1, bar.symbol());
          ps.setTimestamp(2, new Timestamp(bar.barTime()));
          ps.setDouble(3, bar.open());
          ps.setDouble(4, bar.high());
          ps.setDouble(5, bar.low());
          ps.setDouble(6, bar.close());
          ps.setDouble(7, bar.volume());
          nullable(ps, 8, bar.vwap());
          ps.setInt(9, bar.quoteCount());
          ps.setDouble(10, bar.meanSpread());
          nullable(ps, 11, bar.closeBidSize());
          nullable(ps, 12, bar.closeAskSize());
          nullable(ps, 13, bar.meanImbalance());
        });
  }

  private static void nullable(PreparedStatement ps, int index, double value) throws SQLException {
    if (Double.isNaN(value)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }
}
