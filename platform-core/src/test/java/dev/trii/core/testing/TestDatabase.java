package dev.trii.core.testing;

import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.db.ServiceUserPostgres;
import dev.trii.core.process.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, migrated database for one test class, created on the PostgreSQL server that {@code TRII_DB_URL}
 * names (its user needs CREATEDB), or on an embedded PostgreSQL shared by the test JVM when no URL is set
 * (as root it runs as an unprivileged system user). Closing it drops the database.
 */
public final class TestDatabase implements AutoCloseable {

  private static DatabaseCoordinates embedded;

  private final DatabaseCoordinates admin;
  private final String name;
  private final Database database;

  private TestDatabase(DatabaseCoordinates admin, String name, Database database) {
    this.admin = admin;
    this.name = name;
    this.database = database;
  }

  /** Creates and migrates a database named {@code trii_test_<random>}. */
  public static TestDatabase create() {
    DatabaseCoordinates admin = server();
    String name = "trii_test_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    execute(admin, "create database " + name);
    Database database = Database.connect(admin.withDatabase(name), 6);
    database.migrate();
    return new TestDatabase(admin, name, database);
  }

  /**
   * The server tests run against: TRII_DB_URL, or the embedded PostgreSQL shared by this JVM (as root, run as
   * the system user {@value ServiceUserPostgres#USER}).
   */
  public static synchronized DatabaseCoordinates server() {
    String url = System.getenv("TRII_DB_URL");
    if (url != null && !url.isBlank()) {
      return new DatabaseCoordinates(url, System.getenv("TRII_DB_USER"), System.getenv("TRII_DB_PASSWORD"));
    }
    if (embedded == null) {
      embedded = ServiceUserPostgres.needed() ? startAsServiceUser() : startAsThisUser();
    }
    return embedded;
  }

  private static DatabaseCoordinates startAsThisUser() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(Files.createTempDirectory("trii-test-pg"))
          .setCleanDataDirectory(true)
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is ending
        }
      }));
      // the user stays out of the URL: the driver lets a URL's user win over the one a test logs in with
      return new DatabaseCoordinates("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "");
    } catch (IOException e) {
      throw new TriiException("embedded PostgreSQL for tests did not start: " + e.getMessage(), e);
    }
  }

  private static DatabaseCoordinates startAsServiceUser() {
    Path dataDirectory;
    try {
      dataDirectory = Files.createTempDirectory("trii-test-pg");
    } catch (IOException e) {
      throw new TriiException("no temporary folder for the tests' PostgreSQL: " + e.getMessage(), e);
    }
    ServiceUserPostgres postgres = ServiceUserPostgres.start(dataDirectory, ServiceProcess.freePort(),
        Duration.ofSeconds(30));
    // shutdown hooks run concurrently: close() returns once the server's own hook (or this one) has stopped it
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      postgres.close();
      deleteTree(dataDirectory);
    }));
    return postgres.coordinates();
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> tree = Files.walk(folder)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException ignored) {
      // the JVM is ending; a leftover temporary folder is harmless
    }
  }

  private static void execute(DatabaseCoordinates coordinates, String sql) {
    try (Connection connection = DriverManager.getConnection(coordinates.url(), coordinates.user(), coordinates.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run '" + sql + "' on " + coordinates + ": " + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  public Database database() {
    return database;
  }

  public DatabaseCoordinates coordinates() {
    return database.coordinates();
  }

  public JdbcTemplate jdbc() {
    return new JdbcTemplate(database.dataSource());
  }

  /** Number of rows in a table (optionally with a where clause). */
  public long count(String tableAndWhere) {
    Long count = jdbc().queryForObject("select count(*) from " + tableAndWhere, Long.class);
    return count == null ? 0 : count;
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    database.close();
    // an autovacuum worker in the database makes FORCE fail for a role without pg_signal_backend: it ends shortly
    for (int attempt = 1; ; attempt++) {
      try {
        execute(admin, "drop database if exists " + name + " with (force)");
        return;
      } catch (IllegalStateException e) {
        if (attempt == 20 || !String.valueOf(e.getMessage()).contains("pg_signal_backend")) {
          throw e;
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
