package dev.trii.ingestion.sink;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The PostgreSQL sinks (tables {@code quotes}, {@code quote_rejects}, {@code bars_1m}): batched, retried, at least
 * once; every statement is an idempotent upsert on the table's natural key, so replays after a failure change nothing.
 */
public final class JdbcIngestionSinks implements IngestionSinks {

  private static final long serialVersionUID = 1L;

  private final DatabaseCoordinates database;
  private final JdbcSinkSettings settings;

  public JdbcIngestionSinks(DatabaseCoordinates database, JdbcSinkSettings settings) {
    this.database = Objects.requireNonNull(database, "database");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public JdbcIngestionSinks(DatabaseCoordinates database) {
    this(database, JdbcSinkSettings.DEFAULTS);
  }

  @Override
  public Sink<Quote> quotes() {
    return sink(QuoteStatement.SQL, new QuoteStatement());
  }

  @Override
  public Sink<QuoteReject> rejects() {
    return sink(RejectStatement.SQL, new RejectStatement());
  }

  @Override
  public Sink<Bar> bars() {
    return sink(BarStatement.SQL, new BarStatement());
  }

  private <T> Sink<T> sink(String sql, JdbcStatementBuilder<T> binder) {
    return JdbcSink.<T>builder()
        .withQueryStatement(sql, binder)
        .withExecutionOptions(JdbcExecutionOptions.builder()
            .withBatchSize(settings.batchSize())
            .withBatchIntervalMs(settings.flushInterval().toMillis())
            .withMaxRetries(settings.maxRetries())
            .build())
        .buildAtLeastOnce(connectionOptions());
  }

  private JdbcConnectionOptions connectionOptions() {
    JdbcConnectionOptions.JdbcConnectionOptionsBuilder options =
        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
            .withUrl(batchedUrl(database.url()))
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
  static String batchedUrl(String url) {
    if (url.contains("reWriteBatchedInserts=")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
  }
}
