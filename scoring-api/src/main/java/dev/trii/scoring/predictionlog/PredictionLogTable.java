package dev.trii.scoring.predictionlog;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes prediction-log rows to {@code prediction_log} with one {@code COPY ... FROM STDIN} per call (CSV): at tens
 * of thousands of predictions a second the log shares the database server's cores with everything else, and COPY
 * costs it a fraction of what as many INSERTs do. One call is one statement, so a batch is written whole or not at
 * all.
 */
public final class PredictionLogTable implements PredictionLog.Writer {

  private static final String COPY = "copy prediction_log (request_id, row_index, model_name, model_version, run_id, "
      + "feature_set, features_sha256, probability_up, direction, symbol, as_of, trading_date, logged_at) "
      + "from stdin with (format csv)";

  private final DataSource dataSource;

  public PredictionLogTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void write(List<LoggedPrediction> rows) throws SQLException {
    StringBuilder csv = new StringBuilder(rows.size() * 220);
    for (LoggedPrediction row : rows) {
      append(csv, row);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
    } catch (IOException e) {
      throw new SQLException("cannot send the prediction log's rows: " + e.getMessage(), e);
    }
  }

  /** One CSV line: text quoted (a quote doubled), an absent value empty and unquoted (NULL), times in ISO-8601. */
  static void append(StringBuilder csv, LoggedPrediction row) {
    text(csv, row.requestId()).append(',').append(row.rowIndex()).append(',');
    text(csv, row.modelName()).append(',').append(row.modelVersion()).append(',');
    text(csv, row.runId()).append(',');
    text(csv, row.featureSet()).append(',');
    text(csv, FeatureHash.sha256(row.features())).append(',').append(row.probabilityUp()).append(',');
    text(csv, row.direction()).append(',');
    text(csv, row.symbol()).append(',');
    csv.append(row.asOf() == null ? "" : row.asOf().toString()).append(',');
    csv.append(row.tradingDate() == null ? "" : row.tradingDate().toString()).append(',');
    csv.append(row.loggedAt()).append('\n');
  }

  private static StringBuilder text(StringBuilder csv, String value) {
    if (value == null) {
      return csv;
    }
    return csv.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
