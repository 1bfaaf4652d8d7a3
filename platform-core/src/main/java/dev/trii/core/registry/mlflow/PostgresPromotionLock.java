package dev.trii.core.registry.mlflow;

import dev.trii.core.registry.PromotionLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A promotion lock every process of the platform shares: a PostgreSQL session advisory lock keyed by the model name
 * (on the platform database, which every training run already uses), held on one connection for the length of the
 * check-then-set. Processes that promote through MLflow without this platform (another tool moving the alias) are
 * not covered.
 */
public final class PostgresPromotionLock implements PromotionLock {

  private static final String KEY = "hashtextextended('trii.promotion:' || ?, 0)";

  private final DataSource dataSource;

  public PostgresPromotionLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T holding(String modelName, Supplier<T> action) {
    try (Connection connection = dataSource.getConnection()) {
      run(connection, "select pg_advisory_lock(" + KEY + ")", modelName);
      try {
        return action.get();
      } finally {
        run(connection, "select pg_advisory_unlock(" + KEY + ")", modelName);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the promotion lock of model " + modelName + ": "
          + e.getMessage(), e);
    }
  }

  private static void run(Connection connection, String sql, String modelName) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, modelName);
      statement.execute();
    }
  }
}
