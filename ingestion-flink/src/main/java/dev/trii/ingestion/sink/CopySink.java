package dev.trii.ingestion.sink;

import dev.trii.core.db.DatabaseCoordinates;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that writes rows at {@code COPY} speed ({@link CopyTable}, {@link CopyBatches}): each writer batches its rows
 * and copies each batch in PostgreSQL's binary format straight into the table, in one transaction; a batch that meets
 * rows already stored (replayed after a failure) is written again through a staging table and an idempotent merge.
 * Batches are flushed when full, after the flush interval, and at every checkpoint (at least once), so a replay
 * changes nothing: the exactly-once effect of the upserts it replaces, at the cost of a {@code COPY}.
 */
public final class CopySink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final DatabaseCoordinates database;
  private final JdbcSinkSettings settings;
  private final CopyTable<T> table;

  CopySink(DatabaseCoordinates database, JdbcSinkSettings settings, CopyTable<T> table) {
    this.database = Objects.requireNonNull(database, "database");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** The {@code quotes} table. */
  public static CopySink<dev.trii.core.market.Quote> quotes(DatabaseCoordinates database, JdbcSinkSettings settings) {
    return new CopySink<>(database, settings, new QuoteCopyTable());
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new CopyWriter<>(new CopyBatches<>(database, settings, table), settings.flushInterval().toMillis(),
        context.getProcessingTimeService());
  }
}
