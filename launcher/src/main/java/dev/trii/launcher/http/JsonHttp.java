package dev.trii.launcher.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for talking to the platform's own services. */
public final class JsonHttp {

  /** An HTTP answer: status and JSON body (null when the body is empty or not JSON). */
  public record Answer(int status, JsonNode body, String raw) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String bearerToken;

  public JsonHttp() {
    this(null);
  }

  /** @param bearerToken sent as {@code Authorization: Bearer …} with every request; null for none */
  public JsonHttp(String bearerToken) {
    this.bearerToken = bearerToken;
  }

  public Answer get(String url) {
    return send(authorized(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(30)).GET().build());
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return bearerToken == null ? request : request.header("Authorization", "Bearer " + bearerToken);
  }

  public Answer post(String url, Object body) {
    try {
      return send(authorized(HttpRequest.newBuilder(URI.create(url)))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
          .build());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode request body", e);
    }
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      try {
        body = response.body().isBlank() ? null : JSON.readTree(response.body());
      } catch (IOException notJson) {
        // keep the raw text
      }
      return new Answer(response.statusCode(), body, response.body());
    } catch (IOException e) {
      throw new TriiException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TriiException("interrupted during " + request.method() + " " + request.uri());
    }
  }
}
