package dev.trii.core.testing.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an MLflow tracking server, for tests where no real one can run: an in-process HTTP server on a free
 * port of 127.0.0.1 speaking MLflow's published REST API 2.0 with its request and response shapes and its error
 * codes (see {@link MlflowTrackingStore} for the rules it keeps).
 *
 * <p>Endpoints, under {@code /api/2.0/mlflow/}: {@code experiments/get-by-name}, {@code experiments/get},
 * {@code experiments/search}, {@code experiments/create}, {@code runs/create}, {@code runs/get}, {@code runs/update},
 * {@code runs/log-batch},
 * {@code registered-models/create|get|search|set-tag}, {@code registered-models/alias} (POST sets, GET reads),
 * {@code model-versions/create|get|search|set-tag}; and MLflow's proxied artifact store,
 * {@code PUT/GET /api/2.0/mlflow-artifacts/artifacts/<path>}; plus {@code GET /health}. GET requests carry their
 * parameters in the query string; POST requests need {@code Content-Type: application/json}, as MLflow demands. An
 * error answer is {@code {"error_code": …, "message": …}} with MLflow's status: 404 RESOURCE_DOES_NOT_EXIST, 400
 * RESOURCE_ALREADY_EXISTS, 400 INVALID_PARAMETER_VALUE. A missing artifact answers 404 RESOURCE_DOES_NOT_EXIST.
 *
 * <p>Two configurations, as {@code mlflow server} has them: {@link #servingArtifacts()} ({@code --serve-artifacts},
 * the default of MLflow 2: runs get {@code mlflow-artifacts:/<experiment>/<run>/artifacts}) and
 * {@link #withArtifactRoot(String)} ({@code --no-serve-artifacts --default-artifact-root s3://…}: runs get URIs under
 * that root, the artifact endpoints answer 503).
 */
public final class MlflowTestServer implements AutoCloseable {

  static {
    // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per request
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow/";
  private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

  private final HttpServer server;
  private final MlflowTrackingStore store;
  private final boolean servesArtifacts;
  private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private MlflowTestServer(String artifactRoot, boolean servesArtifacts) {
    this.store = new MlflowTrackingStore(artifactRoot);
    this.servesArtifacts = servesArtifacts;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server that proxies artifacts: run artifact URIs are {@code mlflow-artifacts:/<experiment>/<run>/artifacts}. */
  public static MlflowTestServer servingArtifacts() {
    return new MlflowTestServer("mlflow-artifacts:", true);
  }

  /** A server whose runs keep artifacts under {@code root} (e.g. {@code s3://bucket/mlruns}) and that proxies none. */
  public static MlflowTestServer withArtifactRoot(String root) {
    return new MlflowTestServer(root.endsWith("/") ? root.substring(0, root.length() - 1) : root, false);
  }

  /** The tracking URI, e.g. {@code http://127.0.0.1:41234}. */
  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far, as {@code METHOD /path} (without the query string). */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The proxied artifact at {@code mlflow-artifacts:/<path>}, if one was uploaded. */
  public Optional<byte[]> artifact(String mlflowArtifactsUri) {
    String path = mlflowArtifactsUri.replaceFirst("^mlflow-artifacts:/*", "");
    return Optional.ofNullable(artifacts.get(path));
  }

  /** Replaces a proxied artifact, as someone tampering with the artifact store would. */
  public void overwriteArtifact(String mlflowArtifactsUri, byte[] content) {
    artifacts.put(mlflowArtifactsUri.replaceFirst("^mlflow-artifacts:/*", ""), content);
  }

  /** The version an alias points at, as the server holds it. */
  public synchronized Optional<Integer> aliasVersion(String model, String alias) {
    return store.aliasVersion(model, alias);
  }

  /** The tags of a model version, as the server holds them. */
  public synchronized Map<String, String> versionTags(String model, int version) {
    return store.versionTags(model, version);
  }

  /** The tags of a registered model, as the server holds them. */
  public synchronized Map<String, String> modelTags(String model) {
    return store.modelTags(model);
  }

  /** The tags of a run, as the server holds them. */
  public synchronized Map<String, String> runTags(String runId) {
    return store.runTags(runId);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(method + " " + path);
    try {
      if (path.equals("/health") && method.equals("GET")) {
        send(exchange, 200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith(ARTIFACTS)) {
        artifact(exchange, method, URLDecoder.decode(path.substring(ARTIFACTS.length()), StandardCharsets.UTF_8));
      } else if (path.startsWith(API)) {
        api(exchange, method, path.substring(API.length()));
      } else {
        send(exchange, 404, "text/html; charset=utf-8", notFoundPage());
      }
    } catch (RuntimeException e) {
      // a bug in the double: answer as MLflow answers an unexpected failure
      sendJson(exchange, 500, error("INTERNAL_ERROR", String.valueOf(e)));
    } finally {
      exchange.close();
    }
  }

  private void api(HttpExchange exchange, String method, String endpoint) throws IOException {
    MlflowRequest request;
    try {
      request = request(exchange, method);
    } catch (MlflowError e) {
      sendJson(exchange, e.status, error(e.code, e.getMessage()));
      return;
    }
    ObjectNode answer;
    try {
      synchronized (this) {
        answer = switch (method + " " + endpoint) {
          case "GET experiments/get-by-name" -> store.experimentsGetByName(request);
          case "GET experiments/get" -> store.experimentsGet(request);
          case "POST experiments/search", "GET experiments/search" -> store.experimentsSearch(request);
          case "POST experiments/create" -> store.experimentsCreate(request);
          case "POST runs/create" -> store.runsCreate(request);
          case "GET runs/get" -> store.runsGet(request);
          case "POST runs/update" -> store.runsUpdate(request);
          case "POST runs/log-batch" -> store.runsLogBatch(request);
          case "POST registered-models/create" -> store.registeredModelsCreate(request);
          case "GET registered-models/get" -> store.registeredModelsGet(request);
          case "GET registered-models/search" -> store.registeredModelsSearch(request);
          case "POST registered-models/set-tag" -> store.registeredModelsSetTag(request);
          case "POST registered-models/alias" -> store.aliasSet(request);
          case "GET registered-models/alias" -> store.aliasGet(request);
          case "POST model-versions/create" -> store.modelVersionsCreate(request);
          case "GET model-versions/get" -> store.modelVersionsGet(request);
          case "GET model-versions/search" -> store.modelVersionsSearch(request);
          case "POST model-versions/set-tag" -> store.modelVersionsSetTag(request);
          default -> null;
        };
      }
    } catch (MlflowError e) {
      sendJson(exchange, e.status, error(e.code, e.getMessage()));
      return;
    }
    if (answer == null) {
      send(exchange, 404, "text/html; charset=utf-8", notFoundPage());
      return;
    }
    sendJson(exchange, 200, answer);
  }

  private MlflowRequest request(HttpExchange exchange, String method) throws IOException {
    if (method.equals("GET")) {
      return new MlflowRequest(query(exchange.getRequestURI().getRawQuery()), null);
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw MlflowError.invalid("Bad Request. Content-Type must be one of ['application/json'].");
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    JsonNode json;
    try {
      json = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
    } catch (IOException e) {
      throw MlflowError.invalid("Malformed request: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw MlflowError.invalid("Malformed request: the body must be a JSON object");
    }
    return new MlflowRequest(Map.of(), json);
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private void artifact(HttpExchange exchange, String method, String path) throws IOException {
    if (!servesArtifacts) {
      send(exchange, 503, "text/html; charset=utf-8", ("Endpoint: /mlflow-artifacts/artifacts/<path:artifact_path> "
          + "disabled due to the mlflow server running with `--no-serve-artifacts`. To enable artifacts server "
          + "functionality, run `mlflow server` with `--serve-artifacts`").getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
      sendJson(exchange, 400, error("INVALID_PARAMETER_VALUE", "Invalid path"));
      return;
    }
    switch (method) {
      case "PUT" -> {
        try (InputStream in = exchange.getRequestBody()) {
          artifacts.put(path, in.readAllBytes());
        }
        sendJson(exchange, 200, JSON.createObjectNode());
      }
      case "GET" -> {
        byte[] content = artifacts.get(path);
        if (content == null) {
          sendJson(exchange, 404, error("RESOURCE_DOES_NOT_EXIST", "No such file or directory: '" + path + "'"));
        } else {
          exchange.getResponseHeaders().add("Content-Disposition",
              "attachment; filename=" + path.substring(path.lastIndexOf('/') + 1));
          send(exchange, 200, path.endsWith(".json") ? "application/json" : "application/octet-stream", content);
        }
      }
      default -> send(exchange, 405, "text/html; charset=utf-8",
          "<h1>Method Not Allowed</h1>".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static ObjectNode error(String code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private static byte[] notFoundPage() {
    return ("<!doctype html><title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on the "
        + "server.</p>").getBytes(StandardCharsets.UTF_8);
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
