package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An embedded PostgreSQL for a JVM running as root, which PostgreSQL refuses to run as: zonky's binaries run as
 * the unprivileged system user {@value #USER} (created on first use), with the same server settings and
 * superuser as zonky's own embedded server. The data directory becomes that user's; the server keeps its log in
 * {@code server.log} there. Closing it, or the JVM ending, stops the server.
 */
public final class ServiceUserPostgres implements Closeable {

  /** The system account the server runs as. */
  public static final String USER = "trii-postgres";

  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final SystemUser user;
  private final Path pgCtl;
  private final Path dataDirectory;
  private final DatabaseCoordinates coordinates;
  private boolean closed;
  private final Thread stopAtExit;

  private ServiceUserPostgres(SystemUser user, Path pgCtl, Path dataDirectory, int port) {
    this.user = user;
    this.pgCtl = pgCtl;
    this.dataDirectory = dataDirectory;
    this.coordinates = EmbeddedDatabase.superuserOn(port);
    this.stopAtExit = new Thread(this::stopQuietly, "trii-postgres-stop");
  }

  /** Whether this JVM needs it: embedded PostgreSQL as the current user works for everyone but root. */
  public static boolean needed() {
    return SystemUser.isRoot();
  }

  /**
   * Starts PostgreSQL on {@code port} with its data in {@code dataDirectory}, initialising the cluster when the
   * folder holds none yet and reusing it otherwise.
   *
   * @throws TriiException when the system user cannot be created, cannot reach the folder or the binaries, or the
   *     server does not start within {@code startupWait}
   */
  public static ServiceUserPostgres start(Path dataDirectory, int port, Duration startupWait) {
    SystemUser user = SystemUser.ensure(USER);
    Path bin = PostgresBinaries.directory().resolve("bin");
    if (!user.canRun(bin.resolve("pg_ctl"))) {
      throw new TriiException("the system user " + USER + " cannot run the embedded PostgreSQL binaries in " + bin
          + ": a folder above them is closed to other users (they are extracted under java.io.tmpdir)");
    }
    try {
      Files.createDirectories(dataDirectory);
      user.own(dataDirectory);
    } catch (IOException e) {
      throw new TriiException("cannot prepare " + dataDirectory + " for the system user " + USER + ": " + e, e);
    }
    if (!user.canUse(dataDirectory)) {
      throw new TriiException("the system user " + USER + " cannot reach " + dataDirectory
          + ": a folder above it is closed to other users");
    }
    if (!Files.exists(dataDirectory.resolve("postgresql.conf"))) {
      user.run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D",
          dataDirectory.toString(), "-E", "UTF-8"), Duration.ofMinutes(2)).orFail("initdb in " + dataDirectory);
    }
    ServiceUserPostgres server = new ServiceUserPostgres(user, bin.resolve("pg_ctl"), dataDirectory, port);
    server.startServer(port, startupWait);
    Runtime.getRuntime().addShutdownHook(server.stopAtExit);
    return server;
  }

  private void startServer(int port, Duration startupWait) {
    // zonky's server settings: fsync off, UTC, asynchronous commit, room for many pools
    String options = "-p " + port + " -F -c timezone=UTC -c synchronous_commit=off -c max_connections=300";
    SystemCommand started = user.run(List.of(pgCtl.toString(), "-D", dataDirectory.toString(),
        "-l", dataDirectory.resolve("server.log").toString(), "-o", options, "-w",
        "-t", String.valueOf(Math.max(1, startupWait.toSeconds())), "start"), startupWait.plusSeconds(30));
    if (!started.succeeded()) {
      throw new TriiException("embedded PostgreSQL did not start as " + USER + " in " + dataDirectory + " on port "
          + port + " (TRII_DB_EMBEDDED_PORT; is another TRII already running?): " + lastLogLines()
          + " (the whole log: " + dataDirectory.resolve("server.log") + ")");
    }
  }

  private String lastLogLines() {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("server.log"));
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "no server log (" + e.getMessage() + ")";
    }
  }

  public DatabaseCoordinates coordinates() {
    return coordinates;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}, as zonky does) once; later calls wait for that stop and return.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is ending and the hook stops the server
    }
    user.run(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w",
            "-t", String.valueOf(STOP_WAIT.toSeconds())), STOP_WAIT.plusSeconds(30))
        .orFail("stopping the embedded PostgreSQL in " + dataDirectory);
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      System.err.println("trii: " + e.getMessage());
    }
  }
}
