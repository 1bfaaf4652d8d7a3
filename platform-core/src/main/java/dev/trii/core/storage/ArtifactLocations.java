package dev.trii.core.storage;

import dev.trii.core.config.TriiException;
import java.net.URI;

/**
 * Reads and writes one file under a run's artifact folder URI, whatever registry produced it: {@code s3://bucket/…}
 * through the MinIO client (the configured bucket, or another bucket on the same endpoint), and
 * {@code mlflow-artifacts:/…} through the artifact REST API of the MLflow server that proxies artifacts
 * ({@code PUT/GET /api/2.0/mlflow-artifacts/artifacts/<path>}), so no Python and no MLflow artifact client is
 * needed. Any other scheme is refused with a message naming the URI.
 */
public final class ArtifactLocations {

  private static final String S3 = "s3://";
  private static final String MLFLOW_ARTIFACTS = "mlflow-artifacts:";

  private final ArtifactStore store;
  private final MlflowArtifactsEndpoint mlflow;

  private ArtifactLocations(ArtifactStore store, MlflowArtifactsEndpoint mlflow) {
    this.store = store;
    this.mlflow = mlflow;
  }

  /**
   * Locations reached through this store, and through its MLflow tracking server when it knows one
   * ({@link ArtifactStore#withMlflowArtifacts}).
   */
  public static ArtifactLocations of(ArtifactStore store) {
    String tracking = store.mlflowTrackingUri();
    return new ArtifactLocations(store, tracking.isBlank() ? null : MlflowArtifactsEndpoint.of(tracking));
  }

  /** The URI of a file in a folder. */
  public static String resolve(String folderUri, String file) {
    return (folderUri.endsWith("/") ? folderUri : folderUri + "/") + file;
  }

  /**
   * Writes {@code file} under {@code folderUri}.
   *
   * @throws TriiException when the scheme is not supported or the store refuses the write
   */
  public void write(String folderUri, String file, byte[] content, String contentType) {
    String uri = resolve(folderUri, file);
    if (uri.startsWith(S3)) {
      S3Object object = S3Object.parse(uri);
      store.inBucket(object.bucket()).put(object.key(), content, contentType);
    } else if (uri.startsWith(MLFLOW_ARTIFACTS)) {
      mlflowEndpoint(uri).put(uri, content, contentType);
    } else {
      throw unsupported(uri);
    }
  }

  /**
   * Reads {@code file} under {@code folderUri}.
   *
   * @throws TriiException naming the URI when the file is missing, the scheme is not supported or the store fails
   */
  public byte[] read(String folderUri, String file) {
    String uri = resolve(folderUri, file);
    if (uri.startsWith(S3)) {
      S3Object object = S3Object.parse(uri);
      return store.inBucket(object.bucket()).get(object.key());
    }
    if (uri.startsWith(MLFLOW_ARTIFACTS)) {
      return mlflowEndpoint(uri).get(uri);
    }
    throw unsupported(uri);
  }

  private MlflowArtifactsEndpoint mlflowEndpoint(String uri) {
    if (uri.startsWith(MLFLOW_ARTIFACTS + "//")) {
      // mlflow-artifacts://host:port/path names its server itself
      return MlflowArtifactsEndpoint.ofAuthority(URI.create(uri).getRawAuthority(), mlflow);
    }
    if (mlflow == null) {
      throw new TriiException("artifact " + uri + " is proxied by an MLflow server, but MLFLOW_TRACKING_URI is not "
          + "set");
    }
    return mlflow;
  }

  private static TriiException unsupported(String uri) {
    return new TriiException("artifact URI " + uri + " has an unsupported scheme: artifacts must be under s3://… "
        + "(TRII_S3_ENDPOINT) or mlflow-artifacts:/… (an MLflow server started with --serve-artifacts)");
  }

  /** The bucket and key of an {@code s3://bucket/key} URI. */
  private record S3Object(String bucket, String key) {
    static S3Object parse(String uri) {
      String rest = uri.substring(S3.length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        throw new TriiException("artifact URI " + uri + " names no bucket and key");
      }
      return new S3Object(rest.substring(0, slash), rest.substring(slash + 1));
    }
  }
}
