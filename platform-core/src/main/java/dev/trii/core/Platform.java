package dev.trii.core;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.registry.ModelRegistries;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.storage.ObjectStorageSettings;

/**
 * The shared services a platform process works with: the database (migrated), the artifact store, the model
 * registry, the instrument reference and the feature set. Services and command-line tools open one at start and close it at the end.
 */
public final class Platform implements AutoCloseable {

  private final TriiConfig config;
  private final Database database;
  private final ArtifactStore artifacts;
  private final ModelRegistry registry;
  private final InstrumentReference instruments;
  private final FeatureSet featureSet;

  private Platform(TriiConfig config, Database database, ArtifactStore artifacts) {
    this.config = config;
    this.database = database;
    // runs of an MLflow server that proxies artifacts write to mlflow-artifacts:/ URIs, resolved against it
    this.artifacts = artifacts.withMlflowArtifacts(config.get(Settings.MLFLOW_TRACKING_URI));
    this.registry = ModelRegistries.open(config, database.dataSource(), this.artifacts);
    this.instruments = InstrumentReference.of(config);
    this.featureSet = FeatureSet.v2(instruments);
  }

  /**
   * Connects to the configured database (applying migrations) and object store. The object store must be
   * reachable at {@code TRII_S3_ENDPOINT} with its bucket present.
   */
  public static Platform open(TriiConfig config) {
    Database database = Database.open(config);
    try {
      database.migrate();
      return new Platform(config, database, ArtifactStore.connect(ObjectStorageSettings.from(config)));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Wraps services the caller already opened (tests, the launcher); closing the platform closes the database. */
  public static Platform of(TriiConfig config, Database database, ArtifactStore artifacts) {
    return new Platform(config, database, artifacts);
  }

  public TriiConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public ArtifactStore artifacts() {
    return artifacts;
  }

  public ModelRegistry registry() {
    return registry;
  }

  /** Asset class and trading calendar of every symbol ({@code TRII_INSTRUMENTS_FILE} over the built-in file). */
  public InstrumentReference instruments() {
    return instruments;
  }

  public FeatureSet featureSet() {
    return featureSet;
  }

  public String modelName() {
    return config.get(Settings.MODEL_NAME);
  }

  @Override
  public void close() {
    database.close();
  }
}
