package dev.trii.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseIT {

  private final DatabaseCoordinates server = TestDatabase.server();

  @Test
  void connectsWithGoodCoordinates() {
    try (Database database = Database.connect(server, 2)) {
      assertThat(database.coordinates()).isEqualTo(server);
    }
  }

  @Test
  void unreachableServerNamesTheUrlSetting() {
    DatabaseCoordinates nowhere = new DatabaseCoordinates(
        "jdbc:postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/trii", "trii", "trii");

    assertThatThrownBy(() -> Database.checkConnection(nowhere))
        .isInstanceOf(TriiException.class)
        .hasMessageStartingWith("cannot reach the database at jdbc:postgresql://127.0.0.1:")
        .hasMessageContaining("(TRII_DB_URL)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void wrongPasswordNamesTheCredentialSettings() {
    DatabaseCoordinates wrong = new DatabaseCoordinates(server.url(), "trii_no_such_user", "wrong");

    assertThatThrownBy(() -> Database.checkConnection(wrong))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("rejected user 'trii_no_such_user'")
        .hasMessageContaining("TRII_DB_USER and TRII_DB_PASSWORD");
  }

  @Test
  void missingDatabaseSaysSo() {
    assertThatThrownBy(() -> Database.checkConnection(server.withDatabase("trii_does_not_exist")))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void withoutUrlStartsEmbeddedPostgres(@TempDir Path home) throws IOException {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString(),
        "TRII_DB_EMBEDDED_PORT", String.valueOf(ServiceProcess.freePort())), Map.of());
    // as root the server runs as a system user, which must be able to enter TRII_HOME to keep its data there
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (Database database = Database.open(config)) {
      assertThat(database.isEmbedded()).isTrue();
      assertThat(database.migrate().schemaVersion()).isNotBlank();
      assertThat(home.resolve("postgres")).isDirectory();
    }
  }

  @Test
  void rejectsUrlOfAnotherDatabaseKind() {
    assertThatThrownBy(() -> Database.checkConnection(new DatabaseCoordinates("jdbc:mysql://h/db", "u", "p")))
        .hasMessageContaining("TRII_DB_URL must be a PostgreSQL JDBC URL");
  }
}
