package dev.trii.core.testing.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MLflow double answers with MLflow's REST API 2.0 shapes and error codes (checked here with plain HTTP, so the
 * adapter's own assumptions play no part).
 */
class MlflowTestServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private MlflowTestServer server;

  @BeforeEach
  void start() {
    server = MlflowTestServer.servingArtifacts();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private record Answer(int status, JsonNode json, String body) {}

  private Answer get(String path) throws IOException, InterruptedException {
    return answer(http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  private Answer post(String path, String json) throws IOException, InterruptedException {
    return answer(http.send(HttpRequest.newBuilder(URI.create(server.uri() + "/api/2.0/mlflow/" + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  private static Answer answer(HttpResponse<String> response) throws IOException {
    boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    return new Answer(response.statusCode(), json ? JSON.readTree(response.body()) : null, response.body());
  }

  @Test
  void modelVersionsAreNumberedAsStringsAndSearchLeavesAliasesOut() throws Exception {
    post("registered-models/create", "{\"name\": \"m\"}");
    Answer first = post("model-versions/create", "{\"name\": \"m\", \"source\": \"s3://b/1\", \"run_id\": \"r1\"}");
    post("model-versions/create", "{\"name\": \"m\", \"source\": \"s3://b/2\"}");
    Answer alias = post("registered-models/alias", "{\"name\": \"m\", \"alias\": \"champion\", \"version\": \"1\"}");

    assertThat(first.json().path("model_version").path("version").isTextual()).isTrue();
    assertThat(first.json().path("model_version").path("version").asText()).isEqualTo("1");
    assertThat(first.json().path("model_version").path("creation_timestamp").isIntegralNumber()).isTrue();
    assertThat(first.json().path("model_version").has("aliases")).as("empty lists are left out").isFalse();
    assertThat(alias.status()).isEqualTo(200);
    assertThat(alias.json().isEmpty()).isTrue();
    JsonNode byAlias = get("/api/2.0/mlflow/registered-models/alias?name=m&alias=champion").json()
        .path("model_version");
    assertThat(byAlias.path("version").asText()).isEqualTo("1");
    assertThat(byAlias.path("aliases").get(0).asText()).isEqualTo("champion");
    JsonNode search = get("/api/2.0/mlflow/model-versions/search?filter=name%3D%27m%27").json();
    assertThat(search.path("model_versions")).hasSize(2);
    assertThat(search.path("model_versions").findValues("aliases")).isEmpty();
    JsonNode model = get("/api/2.0/mlflow/registered-models/get?name=m").json().path("registered_model");
    assertThat(model.path("aliases").get(0).path("version").asText()).isEqualTo("1");
  }

  @Test
  void errorsCarryMlflowCodesAndStatuses() throws Exception {
    post("registered-models/create", "{\"name\": \"m\"}");

    Answer duplicate = post("registered-models/create", "{\"name\": \"m\"}");
    Answer unknownAlias = get("/api/2.0/mlflow/registered-models/alias?name=m&alias=champion");
    Answer missingVersion =
        post("registered-models/alias", "{\"name\": \"m\", \"alias\": \"champion\", \"version\": \"3\"}");
    Answer badAlias = post("registered-models/alias", "{\"name\": \"m\", \"alias\": \"v3\", \"version\": \"3\"}");
    Answer missingName = post("model-versions/create", "{\"source\": \"s3://b/1\"}");
    Answer noContentType = answer(http.send(HttpRequest.newBuilder(
            URI.create(server.uri() + "/api/2.0/mlflow/registered-models/create"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString()));
    Answer unknownEndpoint = get("/api/2.0/mlflow/no-such-endpoint");

    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.json().path("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    assertThat(unknownAlias.status()).isEqualTo(400);
    assertThat(unknownAlias.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(missingVersion.status()).isEqualTo(404);
    assertThat(missingVersion.json().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(badAlias.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(missingName.json().path("message").asText()).contains("Missing value for required parameter 'name'");
    assertThat(noContentType.status()).isEqualTo(400);
    assertThat(noContentType.json().path("message").asText()).contains("Content-Type");
    assertThat(unknownEndpoint.status()).isEqualTo(404);
  }

  @Test
  void paramsAreImmutableAndMetricsReadBackAtTheirLatestPoint() throws Exception {
    String runId = post("runs/create",
            "{\"experiment_id\": \"0\", \"run_name\": \"r\", \"start_time\": \"1700000000000\"}")
        .json().path("run").path("info").path("run_id").asText();
    post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"params\": [{\"key\": \"eta\", \"value\": \"0.1\"}], "
        + "\"metrics\": [{\"key\": \"acc\", \"value\": 0.5, \"timestamp\": \"1\", \"step\": \"0\"}, "
        + "{\"key\": \"acc\", \"value\": 0.4, \"timestamp\": 2, \"step\": 0}]}");

    Answer changed = post("runs/log-batch",
        "{\"run_id\": \"" + runId + "\", \"params\": [{\"key\": \"eta\", \"value\": \"0.2\"}]}");

    assertThat(changed.status()).isEqualTo(400);
    assertThat(changed.json().path("message").asText()).contains("Changing param values is not allowed");
    JsonNode run = get("/api/2.0/mlflow/runs/get?run_id=" + runId).json().path("run");
    assertThat(run.path("info").path("start_time").asLong()).isEqualTo(1700000000000L);
    assertThat(run.path("info").path("artifact_uri").asText()).isEqualTo("mlflow-artifacts:/0/" + runId + "/artifacts");
    assertThat(run.path("data").path("metrics").get(0).path("value").asDouble()).isEqualTo(0.4);
    assertThat(run.path("data").path("params").get(0).path("value").asText()).isEqualTo("0.1");
    assertThat(run.path("data").path("tags").findValuesAsText("key")).contains("mlflow.runName");
  }

  @Test
  void proxiedArtifactsAreStoredAndServedOnlyWhenServingArtifacts() throws Exception {
    byte[] content = "{\"learner\": {}}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(
            URI.create(server.uri() + "/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/model/model.json"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    Answer missing = get("/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/model/other.json");
    Answer climbing = get("/api/2.0/mlflow-artifacts/artifacts/0/../../etc/passwd");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(get("/api/2.0/mlflow-artifacts/artifacts/0/abc/artifacts/model/model.json").body())
        .isEqualTo("{\"learner\": {}}");
    assertThat(server.artifact("mlflow-artifacts:/0/abc/artifacts/model/model.json")).hasValue(content);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(climbing.status()).isEqualTo(400);
    try (MlflowTestServer s3Root = MlflowTestServer.withArtifactRoot("s3://bucket/mlruns")) {
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
          URI.create(s3Root.uri() + "/api/2.0/mlflow-artifacts/artifacts/0/x")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
    }
  }
}
