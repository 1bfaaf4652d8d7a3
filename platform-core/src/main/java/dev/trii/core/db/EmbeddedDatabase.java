package dev.trii.core.db;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded PostgreSQL (io.zonky.test) that keeps its data under {@code $TRII_HOME/postgres}, so a
 * second run finds the first run's data. PostgreSQL refuses to run as root, so as root this stops with a
 * message asking for {@code TRII_DB_URL}.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final DatabaseCoordinates coordinates;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
    this.coordinates = new DatabaseCoordinates(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  static EmbeddedDatabase start(TriiConfig config) {
    if (isRoot()) {
      throw new TriiException("TRII_DB_URL is not set and embedded PostgreSQL cannot run as root: "
          + "set TRII_DB_URL to a PostgreSQL server (infra/local/setup-postgres.sh installs and prepares a local one)");
    }
    Path dataDirectory = config.home().resolve("postgres");
    try {
      Files.createDirectories(dataDirectory);
      return new EmbeddedDatabase(EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(config.port(Settings.DB_EMBEDDED_PORT))
          .setPGStartupWait(Duration.ofSeconds(30))
          .start());
    } catch (IOException | RuntimeException e) {
      throw new TriiException("embedded PostgreSQL did not start in " + dataDirectory + " on port "
          + config.get(Settings.DB_EMBEDDED_PORT) + " (TRII_DB_EMBEDDED_PORT; is another TRII already running?): "
          + e.getMessage(), e);
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  DatabaseCoordinates coordinates() {
    return coordinates;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new TriiException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
