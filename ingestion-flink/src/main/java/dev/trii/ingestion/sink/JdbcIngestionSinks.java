package dev.trii.ingestion.sink;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.ingestion.events.IngestionEvent;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The PostgreSQL sinks (tables {@code quotes}, {@code quote_rejects}, {@code bars_1m}, {@code ingestion_events}):
 * batched, retried, at least once; every write is idempotent on the table's natural key, so the replay after a
 * failure changes nothing (the exactly-once effect). Quotes, one row per record, go at {@code COPY} speed through a
 * staging table ({@link CopySink}); the other tables, a few rows per minute, through flink-connector-jdbc upserts.
 */
public final class JdbcIngestionSinks implements IngestionSinks {

  private static final long serialVersionUID = 1L;

  private final DatabaseCoordinates database;
  private final JdbcSinkSettings settings;

  public JdbcIngestionSinks(DatabaseCoordinates database, JdbcSinkSettings settings) {
    this.database = Objects.requireNonNull(database, "database");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Sink<Quote> quotes() {
    return CopySink.quotes(database, settings);
  }

  @Override
  public Sink<QuoteReject> rejects() {
    return sink(RejectStatement.SQL, new RejectStatement(), true);
  }

  /**
   * Bars are upserted one statement each: a batch may hold a bar and its late update, and PostgreSQL refuses to
   * update one row twice in a multi-row insert.
   */
  @Override
  public Sink<Bar> bars() {
    return sink(BarStatement.SQL, new BarStatement(), false);
  }

  /** One statement each, like bars: a batch may hold an event and its resumption. */
  @Override
  public Sink<IngestionEvent> events() {
    return sink(IngestionEventStatement.SQL, new IngestionEventStatement(), false);
  }

  private <T> Sink<T> sink(String sql, JdbcStatementBuilder<T> binder, boolean multiRowInserts) {
    return JdbcSink.<T>builder()
        .withQueryStatement(sql, binder)
        .withExecutionOptions(JdbcExecutionOptions.builder()
            .withBatchSize(settings.batchSize())
            .withBatchIntervalMs(settings.flushInterval().toMillis())
            .withMaxRetries(settings.maxRetries())
            .build())
        .buildAtLeastOnce(connectionOptions(multiRowInserts));
  }

  private JdbcConnectionOptions connectionOptions(boolean multiRowInserts) {
    JdbcConnectionOptions.JdbcConnectionOptionsBuilder options =
        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
            .withUrl(multiRowInserts ? batchedUrl(database.url()) : database.url())
            .withDriverName("org.postgresql.Driver");
    if (!database.user().isEmpty()) {
      options.withUsername(database.user());
    }
    if (!database.password().isEmpty()) {
      options.withPassword(database.password());
    }
    return options.build();
  }

  /** The URL with {@code reWriteBatchedInserts=true}: the driver sends a batch as multi-row inserts. */
  public static String batchedUrl(String url) {
    if (url.contains("reWriteBatchedInserts=")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
  }
}
