package dev.trii.core.testing;

import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.storage.local.S3ProxyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Object storage for tests: one local S3Proxy process per test JVM (stopped when the JVM exits), or the
 * store that {@code TRII_S3_ENDPOINT} names. Each caller gets its own fresh bucket.
 */
public final class TestObjectStore {

  private static S3ProxyProcess shared;

  private TestObjectStore() {}

  /** Settings for a new, empty bucket. */
  public static synchronized ObjectStorageSettings freshBucket() {
    String bucket = "trii-test-" + Long.toHexString(System.nanoTime());
    ObjectStorageSettings settings = server().withBucket(bucket);
    ArtifactStore.connectCreatingBucket(settings);
    return settings;
  }

  /** The endpoint and keys of the test object store (the bucket is not created). */
  public static synchronized ObjectStorageSettings server() {
    String endpoint = System.getenv("TRII_S3_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) {
      return new ObjectStorageSettings(endpoint, System.getenv("TRII_S3_ACCESS_KEY"), System.getenv("TRII_S3_SECRET_KEY"),
          "trii-test", "us-east-1");
    }
    if (shared == null) {
      try {
        shared = S3ProxyProcess.start(Files.createTempDirectory("trii-test-s3"), 0,
            new ObjectStorageSettings("", "trii-test", "trii-test-secret", "trii-test", "us-east-1"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared.settings();
  }
}
