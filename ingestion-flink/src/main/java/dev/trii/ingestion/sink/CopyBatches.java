package dev.trii.ingestion.sink;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.market.Quote;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of rows written at {@code COPY} speed ({@link CopyTable}) on one connection: rows are encoded as they are
 * added; {@link #flush} copies the batch in PostgreSQL's binary format straight into the table and commits. A batch
 * that meets a row already stored (a unique violation: the replay after a failure) is rolled back and written again
 * the idempotent way, through the staging table and a merge that leaves stored rows untouched. Other failures are
 * retried on a fresh connection ({@code max-retries} times, with a growing pause), then reported. The database side of
 * {@link CopySink}, usable without Flink (the benchmark, tests).
 */
public final class CopyBatches<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CopyBatches.class);

  private final DatabaseCoordinates database;
  private final JdbcSinkSettings settings;
  private final CopyTable<T> table;
  private final PgBinaryRows rows = new PgBinaryRows(1 << 16);

  /** SQLSTATE of a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private Connection connection;
  private long mergedBatches;

  CopyBatches(DatabaseCoordinates database, JdbcSinkSettings settings, CopyTable<T> table) {
    this.database = Objects.requireNonNull(database, "database");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.table = Objects.requireNonNull(table, "table");
  }

  /** Batches of {@code quotes}. */
  public static CopyBatches<Quote> quotes(DatabaseCoordinates database, JdbcSinkSettings settings) {
    return new CopyBatches<>(database, settings, new QuoteCopyTable());
  }

  /** Adds a row to the batch; flushes when the batch is full. */
  public void add(T row) throws IOException {
    table.encode(row, rows);
    if (rows.rows() >= settings.batchSize()) {
      flush();
    }
  }

  /** Rows waiting in the batch. */
  public int pending() {
    return rows.rows();
  }

  /** Writes the batch, if any, and starts a new one. */
  public void flush() throws IOException {
    if (rows.rows() == 0) {
      return;
    }
    byte[] data = rows.finish();
    int length = rows.length();
    for (int attempt = 0; ; attempt++) {
      try {
        write(data, length);
        break;
      } catch (SQLException e) {
        closeConnection();
        if (attempt >= settings.maxRetries()) {
          throw new IOException("writing " + rows.rows() + " rows failed after " + (attempt + 1) + " attempt(s): "
              + e.getMessage(), e);
        }
        LOG.warn("writing {} rows failed (attempt {} of {}), retrying: {}", rows.rows(), attempt + 1,
            settings.maxRetries() + 1, e.getMessage());
        pause(attempt);
      }
    }
    rows.clear();
  }

  /** Batches that met stored rows and went through the staging table and merge. */
  public long mergedBatches() {
    return mergedBatches;
  }

  /**
   * One attempt: COPY straight into the table and commit; on a unique violation, COPY into the staging table, merge,
   * commit. Any other failure is an SQLException (retried).
   */
  private void write(byte[] data, int length) throws SQLException {
    Connection open = connection();
    try {
      copy(open, table.copyDirect(), data, length);
      open.commit();
      return;
    } catch (SQLException e) {
      rollback(open);
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
    }
    try {
      copy(open, table.copy(), data, length);
      try (Statement merge = open.createStatement()) {
        merge.executeUpdate(table.merge());
      }
      open.commit();
      mergedBatches++;
      LOG.info("a batch of {} rows met rows already stored (a replay): merged through the staging table",
          rows.rows());
    } catch (SQLException e) {
      rollback(open);
      throw e;
    }
  }

  private static void copy(Connection open, String sql, byte[] data, int length) throws SQLException {
    try {
      open.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data, 0, length));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
  }

  private static void rollback(Connection open) {
    try {
      open.rollback();
    } catch (SQLException ignored) {
      // the connection is replaced anyway
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      Connection fresh = database.connect();
      try (Statement statement = fresh.createStatement()) {
        statement.execute(table.createStaging());
      }
      fresh.setAutoCommit(false);
      connection = fresh;
    }
    return connection;
  }

  private static void pause(int attempt) throws IOException {
    try {
      Thread.sleep(Math.min(5_000L, 200L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while retrying a batch", e);
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
      connection = null;
    }
  }

  /** Closes the connection; rows not flushed are dropped. */
  @Override
  public void close() {
    closeConnection();
  }
}
