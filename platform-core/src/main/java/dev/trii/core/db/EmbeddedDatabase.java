package dev.trii.core.db;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded PostgreSQL (io.zonky.test) that keeps its data under {@code $TRII_HOME/postgres}, so a
 * second run finds the first run's data. PostgreSQL refuses to run as root, so as root the same binaries run
 * as the unprivileged system user {@value ServiceUserPostgres#USER} ({@link ServiceUserPostgres}), with the
 * data relocated when that user cannot reach {@code $TRII_HOME} ({@link RelocatedDataDirectory}).
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

  private final Closeable server;
  private final DatabaseCoordinates coordinates;

  private EmbeddedDatabase(Closeable server, DatabaseCoordinates coordinates) {
    this.server = server;
    this.coordinates = coordinates;
  }

  static EmbeddedDatabase start(TriiConfig config) {
    Path dataDirectory = config.home().resolve("postgres");
    int port = config.port(Settings.DB_EMBEDDED_PORT);
    if (ServiceUserPostgres.needed()) {
      ServiceUserPostgres postgres = ServiceUserPostgres.start(
          RelocatedDataDirectory.resolve(dataDirectory), port, STARTUP_WAIT);
      return new EmbeddedDatabase(postgres, postgres.coordinates());
    }
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(STARTUP_WAIT)
          .start();
      return new EmbeddedDatabase(postgres, superuserOn(postgres.getPort()));
    } catch (IOException | RuntimeException e) {
      throw new TriiException("embedded PostgreSQL did not start in " + dataDirectory + " on port "
          + config.get(Settings.DB_EMBEDDED_PORT) + " (TRII_DB_EMBEDDED_PORT; is another TRII already running?): "
          + e.getMessage(), e);
    }
  }

  /**
   * The embedded server's database {@code postgres} as its superuser {@code postgres}. The user stays out of the
   * URL (unlike zonky's {@code getJdbcUrl}): the driver lets a URL's user win over the one given to log in with.
   */
  static DatabaseCoordinates superuserOn(int port) {
    return new DatabaseCoordinates("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
  }

  DatabaseCoordinates coordinates() {
    return coordinates;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException | RuntimeException e) {
      throw new TriiException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
