package dev.trii.core.storage;

import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow's proxied artifact store over HTTP ({@code PUT/GET <server>/api/2.0/mlflow-artifacts/artifacts/<path>}),
 * for {@code mlflow-artifacts:/<path>} URIs of runs on a server started with {@code --serve-artifacts}.
 */
final class MlflowArtifactsEndpoint {

  private static final String API = "/api/2.0/mlflow-artifacts/artifacts/";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  private final String base;
  private final String setting;

  private MlflowArtifactsEndpoint(String base, String setting) {
    this.base = base;
    this.setting = setting;
  }

  /** The endpoint of the tracking server at {@code trackingUri}. */
  static MlflowArtifactsEndpoint of(String trackingUri) {
    String base = trackingUri.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new TriiException("MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow tracking server, got '"
          + trackingUri + "'");
    }
    return new MlflowArtifactsEndpoint(base, " (MLFLOW_TRACKING_URI)");
  }

  /** The endpoint a {@code mlflow-artifacts://host:port/…} URI names, spoken to with the tracking server's scheme. */
  static MlflowArtifactsEndpoint ofAuthority(String authority, MlflowArtifactsEndpoint tracking) {
    String scheme = tracking != null && tracking.base.startsWith("https://") ? "https://" : "http://";
    return new MlflowArtifactsEndpoint(scheme + authority, "");
  }

  void put(String uri, byte[] content, String contentType) {
    HttpRequest request = HttpRequest.newBuilder(url(uri))
        .timeout(Duration.ofMinutes(5))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
        .build();
    send(request, "write", uri);
  }

  byte[] get(String uri) {
    HttpRequest request = HttpRequest.newBuilder(url(uri)).timeout(Duration.ofMinutes(5)).GET().build();
    return send(request, "read", uri);
  }

  private byte[] send(HttpRequest request, String action, String uri) {
    HttpResponse<byte[]> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new TriiException("cannot reach the MLflow server at " + base + setting + " to " + action + " " + uri
          + ": connection refused", e);
    } catch (HttpTimeoutException e) {
      throw new TriiException("the MLflow server at " + base + setting + " did not answer in time to " + action + " "
          + uri, e);
    } catch (IOException e) {
      throw new TriiException("cannot " + action + " " + uri + " at the MLflow server " + base + setting + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TriiException("interrupted while trying to " + action + " " + uri, e);
    }
    if (response.statusCode() / 100 != 2) {
      String body = new String(response.body(), StandardCharsets.UTF_8).strip();
      throw new TriiException("the MLflow server at " + base + " could not " + action + " " + uri + ": HTTP "
          + response.statusCode() + (body.isEmpty() ? "" : " " + abbreviate(body))
          + (response.statusCode() == 503 ? " (is it started with --serve-artifacts?)" : ""));
    }
    return response.body();
  }

  private URI url(String uri) {
    String path = uri.substring("mlflow-artifacts:".length());
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      path = slash < 0 ? "" : path.substring(slash);
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new TriiException("artifact URI " + uri + " climbs out of its folder");
      }
      segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    if (segments.isEmpty()) {
      throw new TriiException("artifact URI " + uri + " names no file");
    }
    return URI.create(base + API + String.join("/", segments));
  }

  private static String abbreviate(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
