package dev.trii.core.registry;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.registry.mlflow.MlflowModelRegistry;
import dev.trii.core.registry.mlflow.PostgresPromotionLock;
import dev.trii.core.storage.ArtifactStore;
import javax.sql.DataSource;

/**
 * Chooses the registry adapter from configuration: MLflow when {@code MLFLOW_TRACKING_URI} is set, otherwise the
 * built-in PostgreSQL registry.
 */
public final class ModelRegistries {

  private ModelRegistries() {}

  /** The registry the configuration names, with built-in run artifacts under {@code s3://<bucket>/mlruns}. */
  public static ModelRegistry open(TriiConfig config, DataSource dataSource, ArtifactStore artifacts) {
    return open(config, dataSource, artifacts.uri("mlruns"));
  }

  /**
   * The registry the configuration names. The MLflow adapter needs neither the database nor object storage (the
   * server assigns artifact locations); the built-in one needs the database and writes {@code artifactRoot} (just
   * a URI string, e.g. {@link #artifactRoot(TriiConfig)}) into the artifact URI of each new run.
   *
   * <p>MLflow moves aliases unconditionally, so its adapter makes promotion compare-and-set under a lock: with the
   * database, a PostgreSQL advisory lock every process of the platform shares; without it, a lock of this JVM.
   *
   * @param dataSource may be null when {@link #usesMlflow(TriiConfig)}
   */
  public static ModelRegistry open(TriiConfig config, DataSource dataSource, String artifactRoot) {
    if (usesMlflow(config)) {
      return new MlflowModelRegistry(config.get(Settings.MLFLOW_TRACKING_URI),
          dataSource == null ? PromotionLock.inProcess() : new PostgresPromotionLock(dataSource));
    }
    if (dataSource == null) {
      throw new IllegalArgumentException("the built-in registry needs the database");
    }
    return new PostgresModelRegistry(dataSource, artifactRoot);
  }

  /** True when {@code MLFLOW_TRACKING_URI} is set. */
  public static boolean usesMlflow(TriiConfig config) {
    return config.optional(Settings.MLFLOW_TRACKING_URI).isPresent();
  }

  /** Where the built-in registry puts run artifacts: {@code s3://<TRII_S3_BUCKET>/mlruns}. */
  public static String artifactRoot(TriiConfig config) {
    return "s3://" + config.get(Settings.S3_BUCKET) + "/mlruns";
  }
}
