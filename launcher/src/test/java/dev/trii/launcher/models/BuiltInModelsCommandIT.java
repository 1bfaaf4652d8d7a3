package dev.trii.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.testing.TriiProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code trii models} on the built-in registry, in a fresh PostgreSQL database (no object storage needed). */
class BuiltInModelsCommandIT extends ModelsCommandTests {

  private static TestDatabase db;
  private static ModelRegistry registry;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    registry = new PostgresModelRegistry(db.dataSource(), "s3://trii/mlruns");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Override
  ModelRegistry registry() {
    return registry;
  }

  @Override
  Map<String, String> settings() {
    // no TRII_S3_ENDPOINT and no S3Proxy: these commands must not need object storage
    return db.coordinates().asEnvironment();
  }

  @Override
  String registryName() {
    return "built-in registry at " + db.coordinates().url();
  }

  @Test
  void showPrintsTheLiveAccuracyOfTheVersionsServedPredictions() throws Exception {
    db.jdbc().update("insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, hits, "
        + "unlabellable, pending, refreshed_at) values (?, 3, '2026-03-05', 10, 8, 6, 1, 1, now()), "
        + "(?, 3, '2026-03-06', 5, 4, 1, 1, 0, now())", model, model);

    TriiProcess.Result champion = TriiProcess.run(home, settings(), "models", "show", model);
    TriiProcess.Result never = TriiProcess.run(home, settings(), "models", "show", model, "2");

    assertThat(champion.exitCode()).as("%s", champion).isZero();
    assertThat(champion.stdout())
        .containsPattern("DAYS\\s+PREDICTIONS\\s+LABELLED\\s+HITS\\s+HIT_RATE\\s+UNLABELLABLE\\s+PENDING")
        .containsPattern("2026-03-05\\.\\.2026-03-06\\s+15\\s+12\\s+7\\s+0\\.5833\\s+2\\s+1")
        .containsPattern("2026-03-06\\s+5\\s+4\\s+1\\s+0\\.2500\\s+1\\s+0")
        .containsPattern("2026-03-05\\s+10\\s+8\\s+6\\s+0\\.7500\\s+1\\s+1");
    assertThat(never.stdout()).contains("live accuracy: none counted yet");
  }
}
