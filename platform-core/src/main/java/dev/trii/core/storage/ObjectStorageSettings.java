package dev.trii.core.storage;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import java.util.Map;

/** Where the S3-compatible object store is and how to sign requests to it. */
public record ObjectStorageSettings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

  /** From configuration; the endpoint may be empty, meaning "start the local S3Proxy". */
  public static ObjectStorageSettings from(TriiConfig config) {
    return new ObjectStorageSettings(config.get(Settings.S3_ENDPOINT), config.get(Settings.S3_ACCESS_KEY),
        config.get(Settings.S3_SECRET_KEY), config.get(Settings.S3_BUCKET), config.get(Settings.S3_REGION));
  }

  public ObjectStorageSettings withEndpoint(String newEndpoint) {
    return new ObjectStorageSettings(newEndpoint, accessKey, secretKey, bucket, region);
  }

  public ObjectStorageSettings withBucket(String newBucket) {
    return new ObjectStorageSettings(endpoint, accessKey, secretKey, newBucket, region);
  }

  /** The settings that make another process use this same store. */
  public Map<String, String> asEnvironment() {
    return Map.of(Settings.S3_ENDPOINT.env(), endpoint, Settings.S3_ACCESS_KEY.env(), accessKey,
        Settings.S3_SECRET_KEY.env(), secretKey, Settings.S3_BUCKET.env(), bucket, Settings.S3_REGION.env(), region);
  }

  @Override
  public String toString() {
    return endpoint + " bucket " + bucket;
  }
}
