package dev.trii.ingestion.sink;

import dev.trii.core.market.QuoteReject;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Inserts a reject keyed by its source reference; a replayed reject is left as it is. */
public final class RejectStatement implements JdbcStatementBuilder<QuoteReject> {

  private static final long serialVersionUID = 1L;

  public static final String SQL = "insert into quote_rejects "
      + "(reject_key, source, reason, detail, symbol, event_time, raw_payload) "
      + "values (?, ?, ?, ?, ?, ?, ?) "
      + "on conflict (reject_key) do nothing";

  @Override
  public void accept(PreparedStatement statement, QuoteReject reject) throws SQLException {
    statement.setString(1, reject.rejectKey());
    statement.setString(2, reject.source());
    statement.setString(3, reject.reason().name());
    statement.setString(4, reject.detail());
    statement.setString(5, reject.symbol());
    Sql.setNullableTimestamp(statement, 6, reject.eventTime());
    statement.setString(7, Sql.withoutNul(reject.rawPayload()));
  }
}
