package dev.trii.core.storage;

import dev.trii.core.config.TriiException;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Object storage for model artifacts and reports, spoken to through the MinIO client: MinIO, AWS S3, or the
 * local S3Proxy. Objects are addressed by key inside the configured bucket, or by {@code s3://bucket/key} URI.
 * A store may also know the MLflow tracking server whose proxied artifacts ({@code mlflow-artifacts:} URIs) runs
 * write to; {@link ArtifactLocations} reads and writes under any of these URIs.
 */
public final class ArtifactStore {

  private final MinioClient client;
  private final ObjectStorageSettings settings;
  private final boolean configuredBucket;
  private final String mlflowTrackingUri;

  private ArtifactStore(MinioClient client, ObjectStorageSettings settings) {
    this(client, settings, true, "");
  }

  private ArtifactStore(MinioClient client, ObjectStorageSettings settings, boolean configuredBucket,
      String mlflowTrackingUri) {
    this.client = client;
    this.settings = settings;
    this.configuredBucket = configuredBucket;
    this.mlflowTrackingUri = mlflowTrackingUri;
  }

  /**
   * Connects and checks that the bucket exists.
   *
   * @throws TriiException naming the setting to fix when the endpoint is unreachable, the keys are refused or
   *     the bucket is missing
   */
  public static ArtifactStore connect(ObjectStorageSettings settings) {
    ArtifactStore store = open(settings);
    if (!store.bucketExists()) {
      throw new TriiException("bucket '" + settings.bucket() + "' (TRII_S3_BUCKET) does not exist at "
          + settings.endpoint() + " (TRII_S3_ENDPOINT): create it or name an existing one");
    }
    return store;
  }

  /** Connects and creates the bucket when it is missing (for the local store the launcher owns). */
  public static ArtifactStore connectCreatingBucket(ObjectStorageSettings settings) {
    ArtifactStore store = open(settings);
    if (!store.bucketExists()) {
      try {
        store.client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).region(settings.region()).build());
      } catch (Exception e) {
        throw store.explain("create bucket " + settings.bucket(), e);
      }
    }
    return store;
  }

  private static ArtifactStore open(ObjectStorageSettings settings) {
    if (settings.endpoint().isBlank()) {
      throw new TriiException("TRII_S3_ENDPOINT is not set (the launcher starts a local S3Proxy when it is unset)");
    }
    try {
      URI.create(settings.endpoint()).toURL();
    } catch (IllegalArgumentException | IOException e) {
      throw new TriiException("TRII_S3_ENDPOINT must be an http(s) URL, got '" + settings.endpoint() + "'");
    }
    MinioClient client = MinioClient.builder()
        .endpoint(settings.endpoint())
        .credentials(settings.accessKey(), settings.secretKey())
        .region(settings.region())
        .build();
    return new ArtifactStore(client, settings);
  }

  private boolean bucketExists() {
    try {
      return client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build());
    } catch (Exception e) {
      throw explain("check bucket " + settings.bucket(), e);
    }
  }

  public String bucket() {
    return settings.bucket();
  }

  /**
   * This store, also knowing the MLflow tracking server that proxies run artifacts ({@code mlflow-artifacts:}
   * URIs resolve against it, as MLflow resolves them against its tracking URI).
   *
   * @param trackingUri {@code MLFLOW_TRACKING_URI}; blank leaves the store as it is
   */
  public ArtifactStore withMlflowArtifacts(String trackingUri) {
    if (trackingUri == null || trackingUri.isBlank()) {
      return this;
    }
    return new ArtifactStore(client, settings, configuredBucket, trackingUri.trim());
  }

  /** The MLflow tracking URI given to {@link #withMlflowArtifacts}, or empty. */
  public String mlflowTrackingUri() {
    return mlflowTrackingUri;
  }

  /**
   * Another bucket on the same endpoint with the same keys (an MLflow server may keep its artifact root in a
   * bucket other than {@code TRII_S3_BUCKET}). Its existence is not checked: a missing bucket fails on first use.
   */
  public ArtifactStore inBucket(String otherBucket) {
    if (otherBucket.equals(settings.bucket())) {
      return this;
    }
    return new ArtifactStore(client, settings.withBucket(otherBucket), false, mlflowTrackingUri);
  }

  /** {@code s3://bucket/key}. */
  public String uri(String key) {
    return "s3://" + settings.bucket() + "/" + key;
  }

  /** The key of an {@code s3://bucket/key} URI in this store's bucket. */
  public String keyOf(String uri) {
    String prefix = "s3://" + settings.bucket() + "/";
    if (!uri.startsWith(prefix)) {
      throw new IllegalArgumentException("'" + uri + "' is not in bucket " + settings.bucket());
    }
    return uri.substring(prefix.length());
  }

  public void put(String key, byte[] content, String contentType) {
    try {
      client.putObject(PutObjectArgs.builder()
          .bucket(settings.bucket())
          .object(key)
          .stream(new ByteArrayInputStream(content), content.length, -1)
          .contentType(contentType)
          .build());
    } catch (Exception e) {
      throw explain("write " + uri(key), e);
    }
  }

  public byte[] get(String key) {
    try (GetObjectResponse response = client.getObject(
        GetObjectArgs.builder().bucket(settings.bucket()).object(key).build())) {
      return response.readAllBytes();
    } catch (Exception e) {
      throw explain("read " + uri(key), e);
    }
  }

  public boolean exists(String key) {
    try {
      client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(key).build());
      return true;
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return false;
      }
      throw explain("look up " + uri(key), e);
    } catch (Exception e) {
      throw explain("look up " + uri(key), e);
    }
  }

  /** Keys under a prefix, recursively. */
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> result : client.listObjects(
          ListObjectsArgs.builder().bucket(settings.bucket()).prefix(prefix).recursive(true).build())) {
        keys.add(result.get().objectName());
      }
    } catch (Exception e) {
      throw explain("list " + uri(prefix), e);
    }
    return keys;
  }

  private TriiException explain(String action, Exception e) {
    if (e instanceof ErrorResponseException response) {
      String code = response.errorResponse().code();
      if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code) || "AccessDenied".equals(code)) {
        return new TriiException("object storage at " + settings.endpoint() + " refused the keys (" + code
            + "): check TRII_S3_ACCESS_KEY and TRII_S3_SECRET_KEY", e);
      }
      if ("NoSuchBucket".equals(code)) {
        return new TriiException("bucket '" + settings.bucket() + "' "
            + (configuredBucket ? "(TRII_S3_BUCKET)" : "(named by an artifact URI)") + " does not exist at "
            + settings.endpoint() + (configuredBucket ? "" : " (TRII_S3_ENDPOINT): an MLflow artifact root in S3 must "
            + "be on the object store TRII_S3_ENDPOINT names"), e);
      }
      return new TriiException("object storage could not " + action + ": " + code + " " + response.getMessage(), e);
    }
    if (hasCause(e, ConnectException.class) || hasCause(e, java.net.UnknownHostException.class)) {
      return new TriiException("cannot reach object storage at " + settings.endpoint() + " (TRII_S3_ENDPOINT): "
          + e.getMessage(), e);
    }
    return new TriiException("object storage could not " + action + " at " + settings.endpoint()
        + " (TRII_S3_ENDPOINT): " + e, e);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
