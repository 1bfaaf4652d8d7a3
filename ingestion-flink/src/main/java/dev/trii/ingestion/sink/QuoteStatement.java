package dev.trii.ingestion.sink;

import dev.trii.core.market.Quote;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * Inserts a valid quote; a quote already stored (same symbol, event time and sequence) is left as it is. The event
 * time is bound as epoch milliseconds and turned into a timestamp by the database ({@code 'epoch' + n ms}, exact for
 * any millisecond within ±285 years of 1970): cheaper on both sides than formatting and parsing timestamp text, on
 * the one table that takes every quote.
 */
public final class QuoteStatement implements JdbcStatementBuilder<Quote> {

  private static final long serialVersionUID = 1L;

  public static final String SQL = "insert into quotes "
      + "(symbol, event_time, seq, bid, ask, bid_size, ask_size, last, volume, locked, source) "
      + "values (?, timestamptz 'epoch' + ? * interval '1 millisecond', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "on conflict (symbol, event_time, seq) do nothing";

  @Override
  public void accept(PreparedStatement statement, Quote quote) throws SQLException {
    statement.setString(1, quote.symbol());
    statement.setLong(2, quote.eventTime());
    statement.setLong(3, quote.seq());
    statement.setDouble(4, quote.bid());
    statement.setDouble(5, quote.ask());
    statement.setLong(6, quote.bidSize());
    statement.setLong(7, quote.askSize());
    Sql.setNullableDouble(statement, 8, quote.last());
    statement.setLong(9, quote.volume());
    statement.setBoolean(10, quote.locked());
    statement.setString(11, quote.source());
  }
}
