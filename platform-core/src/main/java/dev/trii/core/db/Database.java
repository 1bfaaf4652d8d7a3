package dev.trii.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The platform's PostgreSQL: the server named by {@code TRII_DB_URL}, or an embedded PostgreSQL under
 * {@code $TRII_HOME/postgres} when no URL is set. Opening it checks the connection first and turns the
 * usual mistakes (unreachable host, wrong credentials, missing database) into one clear line.
 */
public final class Database implements AutoCloseable {

  private final DatabaseCoordinates coordinates;
  private final HikariDataSource pool;
  private final EmbeddedDatabase embedded;

  private Database(DatabaseCoordinates coordinates, HikariDataSource pool, EmbeddedDatabase embedded) {
    this.coordinates = coordinates;
    this.pool = pool;
    this.embedded = embedded;
  }

  /** Connects to the configured server, or starts the embedded one when {@code TRII_DB_URL} is unset. */
  public static Database open(TriiConfig config) {
    EmbeddedDatabase embedded = null;
    DatabaseCoordinates coordinates;
    if (config.optional(Settings.DB_URL).isPresent()) {
      coordinates = DatabaseCoordinates.fromConfig(config);
    } else {
      embedded = EmbeddedDatabase.start(config);
      coordinates = embedded.coordinates();
    }
    try {
      checkConnection(coordinates);
      return new Database(coordinates, pool(coordinates, config.intValue(Settings.DB_POOL_SIZE)), embedded);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /** Connects to a server given by explicit coordinates (tests use this for their own databases). */
  public static Database connect(DatabaseCoordinates coordinates, int poolSize) {
    checkConnection(coordinates);
    return new Database(coordinates, pool(coordinates, poolSize), null);
  }

  private static HikariDataSource pool(DatabaseCoordinates coordinates, int poolSize) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(coordinates.url());
    hikari.setUsername(coordinates.user());
    hikari.setPassword(coordinates.password());
    hikari.setMaximumPoolSize(poolSize);
    hikari.setMinimumIdle(1);
    hikari.setPoolName("trii-db");
    return new HikariDataSource(hikari);
  }

  /**
   * Opens and closes one connection, failing with a message that names the setting to fix.
   *
   * @throws TriiException when the server is unreachable, refuses the credentials or lacks the database
   */
  public static void checkConnection(DatabaseCoordinates coordinates) {
    if (!coordinates.url().startsWith("jdbc:postgresql:")) {
      throw new TriiException("TRII_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got '"
          + coordinates.url() + "'");
    }
    Properties properties = coordinates.loginProperties();
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "10");
    try (Connection ignored = DriverManager.getConnection(coordinates.url(), properties)) {
      // reachable, credentials accepted, database present
    } catch (SQLException e) {
      throw explain(coordinates, e);
    }
  }

  static TriiException explain(DatabaseCoordinates coordinates, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = coordinates.url();
    if (state.equals("28P01") || state.equals("28000")) {
      return new TriiException("the database at " + where + " rejected user '" + coordinates.user()
          + "': check TRII_DB_USER and TRII_DB_PASSWORD (" + firstLine(e) + ")", e);
    }
    if (state.equals("3D000")) {
      return new TriiException("the database named in TRII_DB_URL does not exist on the server: " + where
          + " (create it, e.g. with infra/local/setup-postgres.sh)", e);
    }
    if (state.startsWith("08")) {
      return new TriiException("cannot reach the database at " + where + " (TRII_DB_URL): " + firstLine(e), e);
    }
    return new TriiException("cannot connect to the database at " + where + " (TRII_DB_URL): " + firstLine(e), e);
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Where the database is, for processes and jobs that open their own connections. */
  public DatabaseCoordinates coordinates() {
    return coordinates;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Applies the platform's schema migrations (idempotent). */
  public Migrations.Result migrate() {
    return Migrations.migrate(pool);
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
