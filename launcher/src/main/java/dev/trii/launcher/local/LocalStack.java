package dev.trii.launcher.local;

import dev.trii.core.Platform;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.core.db.Migrations;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.storage.local.S3ProxyProcess;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stateful parts of the platform on this machine: PostgreSQL (the configured server, or embedded) with the
 * schema migrated, and object storage (the configured S3, or a local S3Proxy process). Services started later
 * receive {@link #serviceEnvironment()} so they reach the very same database and bucket.
 */
public final class LocalStack implements AutoCloseable {

  private final Platform platform;
  private final Migrations.Result migrations;
  private final S3ProxyProcess s3proxy;
  private final ObjectStorageSettings storage;

  private LocalStack(Platform platform, Migrations.Result migrations, S3ProxyProcess s3proxy,
      ObjectStorageSettings storage) {
    this.platform = platform;
    this.migrations = migrations;
    this.s3proxy = s3proxy;
    this.storage = storage;
  }

  /**
   * Opens the database and migrates it, then connects to object storage, starting S3Proxy when
   * {@code TRII_S3_ENDPOINT} is unset.
   */
  public static LocalStack start(TriiConfig config) {
    Database database = Database.open(config);
    S3ProxyProcess s3proxy = null;
    try {
      Migrations.Result migrations = database.migrate();
      ObjectStorageSettings storage = ObjectStorageSettings.from(config);
      ArtifactStore artifacts;
      if (storage.endpoint().isBlank()) {
        s3proxy = S3ProxyProcess.start(config.home().resolve("s3"), config.port(Settings.S3_LOCAL_PORT), storage);
        storage = s3proxy.settings();
        artifacts = ArtifactStore.connectCreatingBucket(storage);
      } else {
        artifacts = ArtifactStore.connect(storage);
      }
      return new LocalStack(Platform.of(config, database, artifacts), migrations, s3proxy, storage);
    } catch (RuntimeException e) {
      if (s3proxy != null) {
        s3proxy.close();
      }
      database.close();
      throw e;
    }
  }

  public Platform platform() {
    return platform;
  }

  public Database database() {
    return platform.database();
  }

  public Migrations.Result migrations() {
    return migrations;
  }

  public ObjectStorageSettings storage() {
    return storage;
  }

  /** True when this launcher started the object store itself. */
  public boolean localObjectStore() {
    return s3proxy != null;
  }

  public TriiConfig config() {
    return platform.config();
  }

  /** Environment for a service process: the configuration plus this stack's database and object store. */
  public Map<String, String> serviceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>(config().asEnvironment());
    env.putAll(database().coordinates().asEnvironment());
    env.putAll(storage.asEnvironment());
    return env;
  }

  @Override
  public void close() {
    platform.close();
    if (s3proxy != null) {
      s3proxy.close();
    }
  }
}
