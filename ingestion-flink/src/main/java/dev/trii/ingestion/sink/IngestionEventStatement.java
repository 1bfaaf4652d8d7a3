package dev.trii.ingestion.sink;

import dev.trii.ingestion.events.IngestionEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * Upserts an ingestion event keyed by (kind, symbol, since): the detection inserts the row, a resumption fills in
 * {@code resumed_at}; written in either order or twice, the row ends up the same.
 */
public final class IngestionEventStatement implements JdbcStatementBuilder<IngestionEvent> {

  private static final long serialVersionUID = 1L;

  public static final String SQL = "insert into ingestion_events "
      + "(kind, symbol, since, detected_at, resumed_at, detail, source) values (?, ?, ?, ?, ?, ?, ?) "
      + "on conflict (kind, symbol, since) do update set resumed_at = excluded.resumed_at "
      + "where ingestion_events.resumed_at is null and excluded.resumed_at is not null";

  @Override
  public void accept(PreparedStatement statement, IngestionEvent event) throws SQLException {
    statement.setString(1, event.kind());
    statement.setString(2, event.symbol());
    statement.setObject(3, Sql.timestamp(event.since()));
    statement.setObject(4, Sql.timestamp(event.detectedAt()));
    Sql.setNullableTimestamp(statement, 5, event.resumedAt());
    statement.setString(6, event.detail());
    statement.setString(7, event.source());
  }
}
