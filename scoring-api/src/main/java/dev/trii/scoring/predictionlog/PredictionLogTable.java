package dev.trii.scoring.predictionlog;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

/** Writes prediction-log rows to {@code prediction_log}: one JDBC batch in one transaction per call. */
public final class PredictionLogTable implements PredictionLog.Writer {

  private static final String INSERT = """
      insert into prediction_log (request_id, row_index, model_name, model_version, run_id, feature_set,
        features_sha256, probability_up, direction, symbol, as_of, trading_date, logged_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private final DataSource dataSource;

  public PredictionLogTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void write(List<LoggedPrediction> rows) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
        for (LoggedPrediction row : rows) {
          bind(insert, row);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static void bind(PreparedStatement insert, LoggedPrediction row) throws SQLException {
    insert.setString(1, row.requestId());
    insert.setInt(2, row.rowIndex());
    insert.setString(3, row.modelName());
    insert.setInt(4, row.modelVersion());
    insert.setString(5, row.runId());
    insert.setString(6, row.featureSet());
    insert.setString(7, row.featuresSha256());
    insert.setDouble(8, row.probabilityUp());
    insert.setString(9, row.direction());
    insert.setString(10, row.symbol());
    if (row.asOf() == null) {
      insert.setNull(11, Types.TIMESTAMP);
      insert.setNull(12, Types.DATE);
    } else {
      insert.setTimestamp(11, Timestamp.from(row.asOf()));
      insert.setDate(12, Date.valueOf(row.tradingDate()));
    }
    insert.setTimestamp(13, Timestamp.from(row.loggedAt()));
  }
}
