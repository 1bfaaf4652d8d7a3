package dev.trii.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.launcher.testing.TriiProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad configuration stops {@code trii demo} with exit code 2 and one line on stderr that names the setting to fix,
 * never a stack trace.
 */
class BadConfigurationIT {

  private static TestDatabase db;

  @TempDir Path home;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private TriiProcess.Result demo(Map<String, String> settings) throws Exception {
    return TriiProcess.run(home, settings, "demo", "--quick");
  }

  private static void assertOneLineNaming(TriiProcess.Result result, String setting) {
    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.stderr()).as("%s", result).hasSize(1);
    assertThat(result.stderr().get(0)).startsWith("trii: ").contains(setting);
  }

  @Test
  void unreachableDatabaseNamesTheUrl() throws Exception {
    TriiProcess.Result result = demo(new DatabaseCoordinates(
        "jdbc:postgresql://127.0.0.1:" + ServiceProcess.freePort() + "/trii", "trii", "trii").asEnvironment());

    assertOneLineNaming(result, "TRII_DB_URL");
    assertThat(result.stderr().get(0)).contains("cannot reach the database");
  }

  @Test
  void wrongCredentialsNameUserAndPassword() throws Exception {
    DatabaseCoordinates server = TestDatabase.server();

    // a user the server does not know, with a wrong password: refused by a server that checks passwords and by one
    // that trusts local connections (the embedded PostgreSQL the tests use without TRII_DB_URL) alike
    TriiProcess.Result result = demo(new DatabaseCoordinates(server.url(), "no_such_trii_user", "not-the-password")
        .asEnvironment());

    assertOneLineNaming(result, "TRII_DB_PASSWORD");
    assertThat(result.stderr().get(0)).contains("TRII_DB_USER");
  }

  @Test
  void missingBucketNamesTheBucket() throws Exception {
    ObjectStorageSettings store = TestObjectStore.server().withBucket("no-such-bucket");
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    settings.putAll(store.asEnvironment());

    TriiProcess.Result result = demo(settings);

    assertOneLineNaming(result, "TRII_S3_BUCKET");
  }

  @Test
  void badPortNamesTheSetting() throws Exception {
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    settings.put("TRII_S3_LOCAL_PORT", "port");

    TriiProcess.Result result = demo(settings);

    assertOneLineNaming(result, "TRII_S3_LOCAL_PORT");
  }
}
