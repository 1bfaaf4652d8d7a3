package dev.trii.training.dataset;

import dev.trii.core.config.TriiException;
import dev.trii.training.gate.QualityChecksReader;
import dev.trii.training.gate.QualityChecksReader.FailedSession;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * Reads the labelled rows of a feature-set version from {@code feature_rows}, ordered by (ts, symbol). Rows are
 * streamed through a server-side cursor, in PostgreSQL's binary format, straight into primitive arrays, so memory
 * holds one copy of the data.
 */
public final class FeatureRowsLoader {

  private static final int FETCH_SIZE = 2_000;

  private final DataSource dataSource;

  public FeatureRowsLoader(DataSource dataSource) {
    this.dataSource = dataSource;
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
    int columns = definition.featureNames().size();
    String sql = "select f.symbol, f.ts, f.features, f.label from feature_rows f "
        + "where f.feature_set = ? and f.label is not null "
        + (leftOut.isEmpty() ? ""
            : "and (f.trading_date, f.symbol) not in (select * from unnest(?::date[], ?::text[])) ")
        + "order by f.ts, f.symbol";
    Columns data = new Columns(columns);
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      // PostgreSQL only streams with a cursor inside a transaction
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql,
          ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(FETCH_SIZE);
        // a server-side prepared statement from the first execution: the driver then receives float8[] and
        // timestamptz in binary instead of parsing their text form (several times faster for wide rows)
        if (statement.isWrapperFor(PGStatement.class)) {
          statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
        statement.setString(1, definition.version());
        if (!leftOut.isEmpty()) {
          statement.setArray(2, connection.createArrayOf("text",
              leftOut.stream().map(session -> session.tradingDate().toString()).toArray()));
          statement.setArray(3,
              connection.createArrayOf("text", leftOut.stream().map(FailedSession::symbol).toArray()));
        }
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            String symbol = rs.getString(1);
            long ts = rs.getTimestamp(2).getTime();
            Array array = rs.getArray(3);
            Double[] values = (Double[]) array.getArray();
            array.free();
            if (values.length != columns) {
              throw new TriiException("feature row " + symbol + " @ " + rs.getTimestamp(2).toInstant() + " of "
                  + definition.version() + " has " + values.length + " features, feature_sets names " + columns
                  + ": recompute the feature rows (features job)");
            }
            data.add(symbol, ts, values, rs.getInt(4));
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new TriiException("cannot read feature rows of '" + definition.version() + "': " + e.getMessage(), e);
    }
    return data.toDataset(definition.featureNames());
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

    void add(String symbol, long ts, Double[] values, int label) {
      if (rows == labels.length) {
        int capacity = rows * 2;
        features = Arrays.copyOf(features, capacity * columns);
        labels = Arrays.copyOf(labels, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        symbols = Arrays.copyOf(symbols, capacity);
      }
      int offset = rows * columns;
      for (int c = 0; c < columns; c++) {
        Double value = values[c];
        features[offset + c] = value == null ? Float.NaN : value.floatValue();
      }
      labels[rows] = label;
      timestamps[rows] = ts;
      symbols[rows] = symbol;
      rows++;
    }

    LabelledDataset toDataset(List<String> names) {
      return new LabelledDataset(names, Arrays.copyOf(features, rows * columns), Arrays.copyOf(labels, rows),
          Arrays.copyOf(timestamps, rows), Arrays.copyOf(symbols, rows));
    }
  }
}
