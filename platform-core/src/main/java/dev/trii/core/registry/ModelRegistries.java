package dev.trii.core.registry;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.storage.ArtifactStore;
import javax.sql.DataSource;

/** Chooses the registry adapter from configuration. */
public final class ModelRegistries {

  private ModelRegistries() {}

  /**
   * The built-in PostgreSQL registry, with run artifacts under {@code s3://<bucket>/mlruns}. (The MLflow
   * adapter, chosen by {@code MLFLOW_TRACKING_URI}, is added with the training capability.)
   */
  public static ModelRegistry open(TriiConfig config, DataSource dataSource, ArtifactStore artifacts) {
    return new PostgresModelRegistry(dataSource, artifacts.uri("mlruns"));
  }
}
