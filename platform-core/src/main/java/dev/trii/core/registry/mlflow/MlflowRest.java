package dev.trii.core.registry.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * JSON calls to MLflow's REST API 2.0 through the Java client ({@code sendGet}/{@code sendPost} on paths relative
 * to {@code /api/2.0/mlflow/}), and the one place where the client's failures become platform exceptions.
 */
final class MlflowRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MlflowClient client;
  private final String trackingUri;

  MlflowRest(MlflowClient client, String trackingUri) {
    this.client = client;
    this.trackingUri = trackingUri;
  }

  /** {@code GET <path>?<query>}; a list value becomes a repeated parameter. */
  JsonNode get(String path, Map<String, ?> query) {
    StringJoiner parameters = new StringJoiner("&");
    query.forEach((key, value) -> {
      for (Object one : value instanceof List<?> list ? list : List.of(value)) {
        parameters.add(encode(key) + "=" + encode(String.valueOf(one)));
      }
    });
    String target = parameters.length() == 0 ? path : path + "?" + parameters;
    return parse(call("GET " + path, () -> client.sendGet(target)), path);
  }

  /** {@code POST <path>} with a JSON body ({@code Content-Type: application/json}, which the client sets). */
  JsonNode post(String path, Object body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the body of " + path, e);
    }
    return parse(call("POST " + path, () -> client.sendPost(path, json)), path);
  }

  /**
   * Runs a client call, turning its failures into a {@link MlflowRequestException} (the server answered with an
   * error) or a {@link TriiException} naming {@code MLFLOW_TRACKING_URI} (the server cannot be reached).
   */
  <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (MlflowHttpException e) {
      throw refused(what, e);
    } catch (MlflowClientException e) {
      throw unreachable(what, e);
    }
  }

  void run(String what, Runnable request) {
    call(what, () -> {
      request.run();
      return null;
    });
  }

  private MlflowRequestException refused(String what, MlflowHttpException e) {
    String body = e.getBodyMessage() == null ? "" : e.getBodyMessage();
    String code = "";
    String message = body.strip();
    try {
      JsonNode error = JSON.readTree(body);
      if (error != null && error.hasNonNull("error_code")) {
        code = error.path("error_code").asText();
        message = error.path("message").asText();
      }
    } catch (JsonProcessingException notJson) {
      // an HTML or empty answer: not an MLflow error body, probably not an MLflow server at all
    }
    int status = e.getStatusCode();
    if (status == 401 || status == 403) {
      return new MlflowRequestException("the MLflow server at " + trackingUri + " (MLFLOW_TRACKING_URI) refused "
          + what + " with HTTP " + status + ": it needs credentials this platform does not send", status, code, e);
    }
    if (code.isEmpty()) {
      return new MlflowRequestException("the MLflow server at " + trackingUri + " (MLFLOW_TRACKING_URI) answered "
          + what + " with HTTP " + status + " " + firstLine(message)
          + (status == 404 ? ": is MLFLOW_TRACKING_URI the URL of an MLflow tracking server?" : ""), status, code, e);
    }
    return new MlflowRequestException("MLflow refused " + what + " (" + code + "): " + firstLine(message), status,
        code, e);
  }

  private TriiException unreachable(String what, MlflowClientException e) {
    Throwable cause = e.getCause();
    String reason = cause == null ? String.valueOf(e.getMessage()) : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (cause instanceof ConnectException || cause instanceof UnknownHostException
        || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
      return new TriiException("cannot reach the MLflow tracking server at " + trackingUri
          + " (MLFLOW_TRACKING_URI): " + reason, e);
    }
    if (cause instanceof IOException) {
      return new TriiException("the MLflow tracking server at " + trackingUri + " (MLFLOW_TRACKING_URI) failed "
          + what + ": " + reason, e);
    }
    return new TriiException("MLflow client failed " + what + " against " + trackingUri
        + " (MLFLOW_TRACKING_URI): " + reason, e);
  }

  private JsonNode parse(String body, String path) {
    try {
      JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
      if (node == null || !node.isObject()) {
        throw new TriiException("the MLflow server at " + trackingUri + " answered " + path + " with " + firstLine(body)
            + ": is MLFLOW_TRACKING_URI the URL of an MLflow tracking server?");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new TriiException("the MLflow server at " + trackingUri + " answered " + path + " with something that is "
          + "not JSON (" + firstLine(body) + "): is MLFLOW_TRACKING_URI the URL of an MLflow tracking server?", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
