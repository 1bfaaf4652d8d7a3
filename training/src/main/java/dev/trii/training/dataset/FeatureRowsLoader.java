package dev.trii.training.dataset;

import dev.trii.core.config.TriiException;
import dev.trii.core.logging.LogContext;
import dev.trii.training.gate.QualityChecksReader;
import dev.trii.training.gate.QualityChecksReader.FailedSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.Utils;

/**
 * Reads the labelled rows of a feature-set version from {@code feature_rows}, ordered by (ts, symbol), with
 * {@code COPY ... TO STDOUT (FORMAT binary)}: PostgreSQL streams the rows in its binary format (no per-row protocol
 * round trip, no text parsing of {@code float8[]}), decoded straight into primitive arrays. The time range is cut
 * into consecutive slices read by parallel streams (one connection each, as many as the machine has processors, at
 * most four), which PostgreSQL serves from as many backends; the slices are concatenated in time order.
 */
public final class FeatureRowsLoader {

  /** PostgreSQL's epoch (2000-01-01) in Unix microseconds. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
  private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
  /** A stream per this many minutes of rows at least: a short range is read by one stream. */
  private static final long MINUTES_PER_STREAM = 1_440;

  private final DataSource dataSource;
  private final int streams;

  /** A loader with one stream per processor, at most four. */
  public FeatureRowsLoader(DataSource dataSource) {
    this(dataSource, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** @param streams parallel COPY streams for a large read, at least 1 */
  public FeatureRowsLoader(DataSource dataSource, int streams) {
    if (streams < 1) {
      throw new IllegalArgumentException("streams must be >= 1, got " + streams);
    }
    this.dataSource = dataSource;
    this.streams = streams;
  }

  /**
   * The stored definition of a feature-set version.
   *
   * @throws TriiException when the features job has not written that version yet
   */
  public FeatureSetDefinition definition(String version) {
    String sql = "select feature_names, horizon_minutes, dead_zone_bps from feature_sets where version = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, version);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new TriiException("feature set '" + version + "' is not in feature_sets: run the features job first");
        }
        String[] names = (String[]) rs.getArray(1).getArray();
        return new FeatureSetDefinition(version, List.of(names), rs.getInt(2), rs.getDouble(3));
      }
    } catch (SQLException e) {
      throw new TriiException("cannot read feature set '" + version + "': " + e.getMessage(), e);
    }
  }

  /** Every labelled row of the feature set, in time order (ts, then symbol). */
  public LabelledDataset load(FeatureSetDefinition definition) {
    return load(definition, List.of());
  }

  /**
   * The labelled rows of the feature set, in time order (ts, then symbol), without the rows of the given sessions.
   *
   * @param leftOut sessions (trading date × symbol) whose rows are left out, e.g. those with a failed quality check
   *     ({@link QualityChecksReader#failedSessions})
   */
  public LabelledDataset load(FeatureSetDefinition definition, List<FailedSession> leftOut) {
    return load(definition, leftOut, null, null);
  }

  /**
   * The labelled rows of the feature set between two bar times (inclusive; null: unbounded), in time order, without
   * the rows of the given sessions: the data a recorded run trained on.
   */
  public LabelledDataset load(FeatureSetDefinition definition, List<FailedSession> leftOut, Instant from,
      Instant to) {
    String where = "where f.feature_set = " + literal(definition.version()) + " and f.label is not null "
        + (from == null ? "" : "and f.ts >= " + timestamp(from) + " ")
        + (to == null ? "" : "and f.ts <= " + timestamp(to) + " ")
        + (leftOut.isEmpty() ? "" : "and (f.trading_date, f.symbol) not in (select * from unnest("
            + array(leftOut.stream().map(session -> session.tradingDate().toString()).toList()) + "::date[], "
            + array(leftOut.stream().map(FailedSession::symbol).toList()) + "::text[])) ");
    List<String> slices = slices(where);
    List<Columns> parts = new ArrayList<>();
    if (slices.size() == 1) {
      parts.add(copy(definition, where + slices.get(0)));
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(slices.size());
      try {
        List<Future<Columns>> reads = new ArrayList<>();
        for (String slice : slices) {
          reads.add(pool.submit(LogContext.carrying(() -> copy(definition, where + slice))));
        }
        for (Future<Columns> read : reads) {
          parts.add(read.get());
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime
            : new TriiException("cannot read feature rows of '" + definition.version() + "': "
                + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TriiException("interrupted while reading feature rows of '" + definition.version() + "'", e);
      } finally {
        pool.shutdownNow();
      }
    }
    return Columns.concat(parts, definition.featureNames());
  }

  /**
   * The time slices ({@code and f.ts ...} conditions) to read in parallel: equal spans of the rows' time range, one
   * per stream, fewer for less than a day a stream; one empty condition when one stream suffices.
   */
  private List<String> slices(String where) {
    if (streams == 1) {
      return List.of("");
    }
    // min and max come from the (feature_set, ts) index: no scan of the rows
    String sql = "select min(f.ts), max(f.ts) from feature_rows f " + where;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      if (rs.getTimestamp(1) == null) {
        return List.of("");
      }
      long first = rs.getTimestamp(1).getTime();
      long last = rs.getTimestamp(2).getTime();
      int count = (int) Math.min(streams, Math.max(1, (last - first) / MINUTES_PER_STREAM / 60_000L));
      if (count == 1) {
        return List.of("");
      }
      List<String> slices = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long start = first + (last - first) * i / count;
        long end = first + (last - first) * (i + 1) / count;
        slices.add((i == 0 ? "" : "and f.ts >= " + timestamp(Instant.ofEpochMilli(start)) + " ")
            + (i == count - 1 ? "" : "and f.ts < " + timestamp(Instant.ofEpochMilli(end)) + " "));
      }
      return slices;
    } catch (SQLException e) {
      throw new TriiException("cannot size the read of feature rows: " + e.getMessage(), e);
    }
  }

  /**
   * One COPY stream of the rows matching {@code where}, in (ts, symbol) order. PostgreSQL sends each row of a
   * {@code COPY TO} in one CopyData message (the file header and trailer in messages of their own or around the
   * rows), so every message is decoded whole from its byte array.
   */
  private Columns copy(FeatureSetDefinition definition, String where) {
    int columns = definition.featureNames().size();
    String sql = "copy (select f.symbol, f.ts, f.features, f.label from feature_rows f " + where
        + "order by f.ts, f.symbol) to stdout (format binary)";
    Columns data = new Columns(columns);
    try (Connection connection = dataSource.getConnection()) {
      CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
      try {
        boolean header = true;
        byte[] message;
        while ((message = copy.readFromCopy()) != null) {
          ByteBuffer in = ByteBuffer.wrap(message);
          if (header) {
            skipHeader(in);
            header = false;
          }
          while (in.hasRemaining()) {
            if (in.getShort() == -1) {
              break;
            }
            int length = in.getInt();
            String symbol = new String(message, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            in.getInt();
            long ts = Math.floorDiv(in.getLong() + POSTGRES_EPOCH_MICROS, 1000);
            in.getInt();
            int offset = data.next();
            readFeatures(in, data.features, offset, columns, symbol, ts, definition);
            in.getInt();
            data.finish(symbol, ts, in.getShort());
          }
        }
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    } catch (SQLException e) {
      throw new TriiException("cannot read feature rows of '" + definition.version() + "': " + e.getMessage(), e);
    }
    return data;
  }

  private static void skipHeader(ByteBuffer in) throws SQLException {
    byte[] signature = new byte[SIGNATURE.length];
    in.get(signature);
    if (!Arrays.equals(signature, SIGNATURE)) {
      throw new SQLException("not a PostgreSQL binary COPY stream");
    }
    in.getInt(); // flags
    int extension = in.getInt();
    in.position(in.position() + extension);
  }

  /** A {@code float8[]} in PostgreSQL's binary array format into {@code columns} floats; NULL elements are NaN. */
  private static void readFeatures(ByteBuffer in, float[] into, int offset, int columns, String symbol, long ts,
      FeatureSetDefinition definition) {
    int dimensions = in.getInt();
    in.getInt(); // has nulls
    in.getInt(); // element type
    int length = 0;
    for (int d = 0; d < dimensions; d++) {
      length = in.getInt();
      in.getInt(); // lower bound
    }
    if (dimensions != 1 || length != columns) {
      throw new TriiException("feature row " + symbol + " @ " + Instant.ofEpochMilli(ts) + " of "
          + definition.version() + " has " + (dimensions == 1 ? length : 0) + " features, feature_sets names "
          + columns + ": recompute the feature rows (features job)");
    }
    for (int c = 0; c < columns; c++) {
      into[offset + c] = in.getInt() < 0 ? Float.NaN : (float) in.getDouble();
    }
  }

  private static String timestamp(Instant instant) {
    return "'" + instant + "'::timestamptz";
  }

  /** A PostgreSQL array literal of the values, quoted and escaped. */
  private static String array(List<String> values) {
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      literal.append(i == 0 ? "" : ",").append('"')
          .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return literal(literal.append('}').toString());
  }

  /** A quoted SQL string literal (the server runs with standard_conforming_strings, PostgreSQL's default). */
  private static String literal(String value) {
    try {
      return "'" + Utils.escapeLiteral(null, value, true) + "'";
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot quote " + value + ": " + e.getMessage(), e);
    }
  }

  /** Growable primitive columns. */
  private static final class Columns {
    private final int columns;
    private float[] features;
    private float[] labels;
    private long[] timestamps;
    private String[] symbols;
    private int rows;

    Columns(int columns) {
      this.columns = columns;
      int capacity = 4_096;
      features = new float[capacity * columns];
      labels = new float[capacity];
      timestamps = new long[capacity];
      symbols = new String[capacity];
    }

    /** Room for one more row; returns the offset of its features. */
    int next() {
      if (rows == labels.length) {
        int capacity = rows * 2;
        features = Arrays.copyOf(features, capacity * columns);
        labels = Arrays.copyOf(labels, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        symbols = Arrays.copyOf(symbols, capacity);
      }
      return rows * columns;
    }

    void finish(String symbol, long ts, int label) {
      labels[rows] = label;
      timestamps[rows] = ts;
      symbols[rows] = symbol;
      rows++;
    }

    /** The parts one after the other, as one dataset. */
    static LabelledDataset concat(List<Columns> parts, List<String> names) {
      int columns = names.size();
      int rows = parts.stream().mapToInt(part -> part.rows).sum();
      float[] features = new float[rows * columns];
      float[] labels = new float[rows];
      long[] timestamps = new long[rows];
      String[] symbols = new String[rows];
      int at = 0;
      for (Columns part : parts) {
        System.arraycopy(part.features, 0, features, at * columns, part.rows * columns);
        System.arraycopy(part.labels, 0, labels, at, part.rows);
        System.arraycopy(part.timestamps, 0, timestamps, at, part.rows);
        System.arraycopy(part.symbols, 0, symbols, at, part.rows);
        at += part.rows;
      }
      return new LabelledDataset(names, features, labels, timestamps, symbols);
    }
  }
}
