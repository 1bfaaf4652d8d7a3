package dev.trii.scoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.Platform;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.config.Setting;
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
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private String key;
  private int port;

  private ScoringHarness(TestDatabase database, ArtifactStore store, Platform platform) {
    this.database = database;
    this.store = store;
    this.platform = platform;
  }

  /** Database and object store only; call {@link #start} to run the API. */
  public static ScoringHarness prepare() {
    return prepare(Map.of());
  }

  /** Database and object store only, with these settings too; call {@link #start} to run the API. */
  public static ScoringHarness prepare(Map<Setting, String> settings) {
    TestDatabase database = TestDatabase.create();
    ArtifactStore store = ArtifactStore.connect(TestObjectStore.freshBucket());
    try {
      TriiConfig config = TriiConfig.load(
          Map.of("TRII_HOME", Files.createTempDirectory("trii-scoring-test").toString()),
          withModelName(settings));
      return new ScoringHarness(database, store, Platform.of(config, database.database(), store));
    } catch (IOException e) {
      database.close();
      throw new UncheckedIOException(e);
    }
  }

  private static Map<Setting, String> withModelName(Map<Setting, String> settings) {
    Map<Setting, String> all = new HashMap<>(settings);
    all.put(Settings.MODEL_NAME, MODEL_NAME);
    return all;
  }

  public ScoringHarness start(Duration refreshInterval) {
    return start(ScoringOptions.from(platform.config()).withPort(0).withRefreshInterval(refreshInterval)
        .withRetryFailedAfter(Duration.ofMinutes(10)).withDrainDelay(Duration.ZERO));
  }

  /** Runs the API with these options; requests are sent with a new admin key (see {@link #withKey}). */
  public ScoringHarness start(ScoringOptions options) {
    if (key == null) {
      key = createKey("harness-admin", 100_000, ApiScope.ADMIN);
    }
    app = ScoringApplication.start(platform, options);
    port = app.port();
    return this;
  }

  /** Issues a key with these scopes and rate limit, and returns it. */
  public String createKey(String name, int ratePerSecond, ApiScope... scopes) {
    return new ApiKeys(database.database().dataSource(), Clock.systemUTC())
        .create(name, Set.of(scopes), ratePerSecond).key();
  }

  /** Sends the next requests with {@code newKey} ({@code null}: with none). */
  public ScoringHarness withKey(String newKey) {
    key = newKey;
    return this;
  }

  /** Stops the API (draining), keeping the database and store for another {@link #start}. */
  public void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
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

  /** The running API's routes, as {@code "METHOD /path"}. */
  public List<String> routes() {
    return app.routes();
  }

  /** The key the requests are sent with. */
  public String key() {
    return key;
  }

  /** The port the API was started on (still known while it stops). */
  public int port() {
    return port;
  }

  /** An answer: status, raw body, and the body as JSON when it is JSON. */
  public record Answer(int status, String body, String contentType, Map<String, List<String>> headers) {

    /** The first value of an answer header, or null. */
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Answer get(String path) {
    return send(request(path).GET().build());
  }

  public Answer post(String path, String body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** A request to the API carrying the current key. */
  public HttpRequest.Builder request(String path) {
    // a bounded wait: a request the server never answers fails the test instead of hanging the build
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  public Answer postJson(String path, Object body) {
    return postJson(path, body, Map.of());
  }

  /** Posts {@code body} as JSON with these extra headers (e.g. {@code X-Request-Id}). */
  public Answer postJson(String path, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      headers.forEach(request::header);
      return send(request.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
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
    stop();
    database.close();
  }
}
