package dev.trii.core.registry.builtin;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelRegistryContract;
import dev.trii.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry contract on the built-in adapter, in a fresh PostgreSQL database. */
class PostgresModelRegistryIT extends ModelRegistryContract {

  private static TestDatabase db;
  private static ModelRegistry registry;

  @BeforeAll
  static void freshDatabase() {
    db = TestDatabase.create();
    registry = new PostgresModelRegistry(db.dataSource(), "s3://bucket/mlruns/");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Override
  protected ModelRegistry registry() {
    return registry;
  }

  @Override
  protected String artifactRoot() {
    return "s3://bucket/mlruns";
  }
}
