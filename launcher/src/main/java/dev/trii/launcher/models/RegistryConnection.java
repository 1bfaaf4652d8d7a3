package dev.trii.launcher.models;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.core.registry.ModelRegistries;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.mlflow.MlflowModelRegistry;
import java.util.Optional;

/**
 * The model registry the configuration names, opened for one command: MLflow ({@code MLFLOW_TRACKING_URI}) without
 * touching the database, or the built-in registry in PostgreSQL (migrated first). Object storage is never needed:
 * these commands read and move registry entries, not artifacts.
 */
final class RegistryConnection implements AutoCloseable {

  private final ModelRegistry registry;
  private final Database database;

  private RegistryConnection(ModelRegistry registry, Database database) {
    this.registry = registry;
    this.database = database;
  }

  static RegistryConnection open(TriiConfig config) {
    if (ModelRegistries.usesMlflow(config)) {
      return new RegistryConnection(ModelRegistries.open(config, null, ModelRegistries.artifactRoot(config)), null);
    }
    Database database = Database.open(config);
    try {
      database.migrate();
      return new RegistryConnection(
          ModelRegistries.open(config, database.dataSource(), ModelRegistries.artifactRoot(config)), database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  ModelRegistry registry() {
    return registry;
  }

  /** The live accuracy of served predictions, in the platform database: empty with MLflow (no database opened). */
  Optional<LiveAccuracy> liveAccuracy() {
    return database == null ? Optional.empty() : Optional.of(new LiveAccuracy(database.dataSource()));
  }

  /** e.g. {@code built-in registry at jdbc:postgresql://…/trii} or {@code MLflow registry at http://mlflow:5000}. */
  String describe() {
    if (registry instanceof MlflowModelRegistry mlflow) {
      return "MLflow registry at " + mlflow.trackingUri();
    }
    return registry.kind() + " registry at " + database.coordinates().url();
  }

  @Override
  public void close() {
    if (registry instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // releasing HTTP connections at exit
      }
    }
    if (database != null) {
      database.close();
    }
  }
}
