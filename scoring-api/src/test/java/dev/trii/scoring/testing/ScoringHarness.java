package dev.trii.scoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.Platform;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.scoring.ScoringApplication;
import dev.trii.scoring.ScoringOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * A scoring API running in the test JVM on a free port, on a fresh migrated database and a fresh bucket of the
 * local S3Proxy, with a small HTTP client for it.
 */
public final class ScoringHarness implements AutoCloseable {

  public static final String MODEL_NAME = "scoring-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestDatabase database;
  private final ArtifactStore store;
  private final Platform platform;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ScoringApplication app;

  private ScoringHarness(TestDatabase database, ArtifactStore store, Platform platform) {
    this.database = database;
    this.store = store;
    this.platform = platform;
  }

  /** Database and object store only; call {@link #start} to run the API. */
  public static ScoringHarness prepare() {
    TestDatabase database = TestDatabase.create();
    ArtifactStore store = ArtifactStore.connect(TestObjectStore.freshBucket());
    try {
      TriiConfig config = TriiConfig.load(
          Map.of("TRII_HOME", Files.createTempDirectory("trii-scoring-test").toString()),
          Map.of(Settings.MODEL_NAME, MODEL_NAME));
      return new ScoringHarness(database, store, Platform.of(config, database.database(), store));
    } catch (IOException e) {
      database.close();
      throw new UncheckedIOException(e);
    }
  }

  public ScoringHarness start(Duration refreshInterval) {
    app = ScoringApplication.start(platform, ScoringOptions.from(platform.config()).withPort(0)
        .withRefreshInterval(refreshInterval).withRetryFailedAfter(Duration.ofMinutes(10)));
    return this;
  }

  public Platform platform() {
    return platform;
  }

  public ArtifactStore store() {
    return store;
  }

  public TestDatabase database() {
    return database;
  }

  public int port() {
    return app.port();
  }

  /** An answer: status, raw body, and the body as JSON when it is JSON. */
  public record Answer(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public Answer post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public Answer postJson(String path, Object body) {
    try {
      return post(path, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of one sample line of {@code /metrics}, e.g. {@code trii_scoring_model_version{model="x"}}; 0 if absent. */
  public double metric(String sample) {
    return get("/metrics").body().lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
        .findFirst().orElse(0);
  }

  @Override
  public void close() {
    if (app != null) {
      app.close();
    }
    database.close();
  }
}
