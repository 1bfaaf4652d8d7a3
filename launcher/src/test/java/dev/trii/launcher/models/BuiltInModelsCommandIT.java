package dev.trii.launcher.models;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
