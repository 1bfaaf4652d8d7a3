package dev.trii.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL as root: the server really runs as the system user, keeps its data across a restart,
 * and lives outside a TRII_HOME that the user cannot enter. The root tests are skipped for other users.
 */
class ServiceUserPostgresIT {

  private static final String ONLY_ROOT = "runs only as root: other users start embedded PostgreSQL as themselves";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

  private Path scratch;

  @BeforeEach
  void scratchFolderOthersCanEnter() throws IOException {
    scratch = Files.createTempDirectory("trii-service-user-pg");
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void removeScratch() throws IOException {
    try (Stream<Path> tree = Files.walk(scratch)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void runsAsTheSystemUserAndASecondStartFindsTheFirstStartsTable() throws Exception {
    assumeTrue(ServiceUserPostgres.needed(), ONLY_ROOT);
    Path data = scratch.resolve("postgres");
    int port = ServiceProcess.freePort();

    try (ServiceUserPostgres first = ServiceUserPostgres.start(data, port, STARTUP_WAIT)) {
      assertThat(ownerOfProcess(postmasterPid(data))).isEqualTo(ServiceUserPostgres.USER);
      assertThat(Files.getOwner(data).getName()).isEqualTo(ServiceUserPostgres.USER);
      execute(first.coordinates(), "create table survivor(note text); insert into survivor values ('kept')");
    }
    assertThat(data.resolve("postmaster.pid")).doesNotExist();

    try (ServiceUserPostgres second = ServiceUserPostgres.start(data, port, STARTUP_WAIT)) {
      assertThat(queryOne(second.coordinates(), "select note from survivor")).isEqualTo("kept");
    }
  }

  @Test
  void openingTheDatabaseWithoutUrlRunsItAsTheSystemUserUnderTriiHome() throws Exception {
    assumeTrue(ServiceUserPostgres.needed(), ONLY_ROOT);
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", scratch.toString(),
        "TRII_DB_EMBEDDED_PORT", String.valueOf(ServiceProcess.freePort())), Map.of());

    try (Database database = Database.open(config)) {
      assertThat(database.isEmbedded()).isTrue();
      assertThat(database.migrate().schemaVersion()).isNotBlank();
      assertThat(ownerOfProcess(postmasterPid(scratch.resolve("postgres")))).isEqualTo(ServiceUserPostgres.USER);
    }
    assertThat(scratch.resolve("postgres")).isDirectory();
    assertThat(scratch.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  @Test
  void aTriiHomeTheSystemUserCannotEnterIsLinkedToAFolderItOwns() throws Exception {
    assumeTrue(ServiceUserPostgres.needed(), ONLY_ROOT);
    Path closedHome = Files.createDirectory(scratch.resolve("closed-home"));
    Files.setPosixFilePermissions(closedHome, PosixFilePermissions.fromString("rwx------"));
    Path store = scratch.resolve("store");
    Path wanted = closedHome.resolve("postgres");

    Path data = RelocatedDataDirectory.resolve(wanted, store);

    assertThat(data).startsWith(store);
    assertThat(Files.isSymbolicLink(wanted)).isTrue();
    assertThat(RelocatedDataDirectory.resolve(wanted, store)).isEqualTo(data);
    try (ServiceUserPostgres postgres = ServiceUserPostgres.start(data, ServiceProcess.freePort(), STARTUP_WAIT)) {
      assertThat(queryOne(postgres.coordinates(), "select current_setting('data_directory')"))
          .isEqualTo(data.toString());
    }

    Files.delete(wanted);
    RelocatedDataDirectory.removeOrphans(store);
    assertThat(data.getParent()).doesNotExist();
  }

  @Test
  void otherUsersCannotSwitchToTheSystemUser() {
    assumeFalse(ServiceUserPostgres.needed(), "runs only for users other than root");

    assertThatThrownBy(() -> ServiceUserPostgres.start(scratch.resolve("postgres"), 1, STARTUP_WAIT))
        .isInstanceOf(TriiException.class)
        .hasMessageStartingWith("only root can create the system user 'trii-postgres'");
  }

  private static long postmasterPid(Path data) throws IOException {
    return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
  }

  private static String ownerOfProcess(long pid) throws IOException {
    return Files.getOwner(Path.of("/proc", String.valueOf(pid)), LinkOption.NOFOLLOW_LINKS).getName();
  }

  private static void execute(DatabaseCoordinates coordinates, String sql) throws SQLException {
    try (Connection connection = coordinates.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String queryOne(DatabaseCoordinates coordinates, String sql) throws SQLException {
    try (Connection connection = coordinates.connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
