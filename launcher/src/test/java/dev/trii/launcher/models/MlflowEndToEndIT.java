package dev.trii.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.Platform;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.digest.Sha256;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.core.testing.mlflow.MlflowTestServer;
import dev.trii.launcher.testing.TriiProcess;
import dev.trii.scoring.ScoringApplication;
import dev.trii.scoring.ScoringOptions;
import dev.trii.training.TrainingOptions;
import dev.trii.training.TrainingOutcome;
import dev.trii.training.TrainingPipeline;
import dev.trii.training.testing.FeatureRowsFixture;
import dev.trii.training.testing.SyntheticBars;
import dev.trii.training.xgboost.XGBoostSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform end to end on the MLflow registry (the HTTP double of an MLflow server): the real training pipeline
 * trains on generated bars, writes its artifacts to the run's artifact URI, registers the version and records the
 * gate decision in MLflow, which promotes it; the scoring API then serves that champion through the same adapter;
 * and {@code trii models show} reads it back. Both artifact layouts of an MLflow server are covered: proxied
 * ({@code mlflow-artifacts:/…}) and an S3 artifact root in a bucket other than {@code TRII_S3_BUCKET}.
 */
class MlflowEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TrainingOptions OPTIONS = TrainingOptions.defaults()
      .withXgboost(XGBoostSettings.defaults().with("nthread", "1"));

  @TempDir static Path home;

  private static TestDatabase db;
  private static ArtifactStore store;

  @BeforeAll
  static void featureRows() {
    db = TestDatabase.create();
    store = ArtifactStore.connect(TestObjectStore.freshBucket());
    FeatureRowsFixture.write(db.dataSource(), FeatureSet.v2(),
        SyntheticBars.market(3, "AAA", "BBB", "CCC").sessionsBars());
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static Platform platformOn(MlflowTestServer server, String model) {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString()), Map.of(
        Settings.MLFLOW_TRACKING_URI, server.uri(), Settings.MODEL_NAME, model));
    return Platform.of(config, db.database(), store);
  }

  @Test
  void trainedChampionLivesInMlflowWithItsDecisionAndIsServedFromProxiedArtifacts() throws Exception {
    String model = "e2e-proxied";
    try (MlflowTestServer server = MlflowTestServer.servingArtifacts()) {
      Platform platform = platformOn(server, model);
      assertThat(platform.registry().kind()).isEqualTo("mlflow");

      TrainingOutcome outcome = TrainingPipeline.on(platform, OPTIONS).trainAndGate(model);

      assertThat(outcome.promoted()).as(outcome.summary()).isTrue();
      assertThat(outcome.source()).startsWith("mlflow-artifacts:/")
          .endsWith("/" + outcome.runId() + "/artifacts/model");
      byte[] modelJson = server.artifact(outcome.source() + "/model.json").orElseThrow();
      ModelMetadata metadata =
          ModelMetadata.fromJson(server.artifact(outcome.source() + "/metadata.json").orElseThrow());
      assertThat(Sha256.hex(modelJson)).isEqualTo(metadata.modelSha256()).isEqualTo(outcome.modelSha256());
      assertThat(server.artifact(outcome.source() + "/evaluation.json")).isPresent();
      assertGateDecisionRecordedInMlflow(server, platform.registry(), model, outcome);

      try (ScoringApplication scoring = ScoringApplication.start(platform, ScoringOptions.from(platform.config())
          .withPort(0).withRefreshInterval(Duration.ofSeconds(1)))) {
        HttpClient http = HttpClient.newHttpClient();
        String key = new ApiKeys(platform.database().dataSource(), Clock.systemUTC())
            .create("mlflow-it", Set.of(ApiScope.PREDICT, ApiScope.READ_MODELS), 100).key();
        JsonNode served = JSON.readTree(http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + scoring.port() + "/v1/model"))
            .header("Authorization", "Bearer " + key).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertThat(served.path("model_version").asInt()).isEqualTo(outcome.version());
        assertThat(served.path("source").asText()).isEqualTo(outcome.source());
        assertThat(served.path("model_sha256").asText()).isEqualTo(outcome.modelSha256());

        Map<String, Object> features = new LinkedHashMap<>();
        metadata.featureNames().forEach(name -> features.put(name, 0.001));
        HttpResponse<String> prediction = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + scoring.port() + "/v1/predict"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("features", features))))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
        assertThat(JSON.readTree(prediction.body()).path("model_version").asInt()).isEqualTo(outcome.version());
        assertThat(JSON.readTree(prediction.body()).path("probability_up").asDouble()).isBetween(0.0, 1.0);
      }

      TriiProcess.Result shown = TriiProcess.run(home, Map.of("MLFLOW_TRACKING_URI", server.uri()),
          "models", "show", model);
      assertThat(shown.exitCode()).as("%s", shown).isZero();
      assertThat(shown.stdout()).contains(model + " v1  [champion]", outcome.source(), "PASSED and promoted");
      outcome.decision().checks().forEach(check -> assertThat(shown.stdout()).contains(check.name()));
    }
  }

  @Test
  void artifactsGoToAnS3ArtifactRootInAnotherBucketOfTheSameEndpoint() {
    String model = "e2e-s3-root";
    ObjectStorageSettings mlflowBucket = TestObjectStore.freshBucket();
    assertThat(mlflowBucket.bucket()).isNotEqualTo(store.bucket());
    try (MlflowTestServer server = MlflowTestServer.withArtifactRoot("s3://" + mlflowBucket.bucket() + "/mlflow")) {
      Platform platform = platformOn(server, model);

      TrainingOutcome outcome = TrainingPipeline.on(platform, OPTIONS).trainAndGate(model);

      assertThat(outcome.source()).startsWith("s3://" + mlflowBucket.bucket() + "/mlflow/");
      ArtifactStore bucket = ArtifactStore.connect(mlflowBucket);
      String folder = outcome.source().substring(("s3://" + mlflowBucket.bucket() + "/").length());
      byte[] modelJson = bucket.get(folder + "/model.json");
      assertThat(Sha256.hex(modelJson)).isEqualTo(outcome.modelSha256())
          .isEqualTo(ModelMetadata.fromJson(bucket.get(folder + "/metadata.json")).modelSha256());
      assertThat(store.list("")).as("nothing lands in TRII_S3_BUCKET").isEmpty();
      assertGateDecisionRecordedInMlflow(server, platform.registry(), model, outcome);
    }
  }

  private static void assertGateDecisionRecordedInMlflow(MlflowTestServer server, ModelRegistry registry,
      String model, TrainingOutcome outcome) {
    assertThat(server.aliasVersion(model, ModelRegistry.CHAMPION)).contains(outcome.version());
    Map<String, String> tags = server.versionTags(model, outcome.version());
    assertThat(tags).containsEntry("trii.gate.passed", "true").containsEntry("trii.gate.promoted", "true")
        .containsEntry("trii.gate.summary", outcome.decision().summary())
        .containsEntry("model_sha256", outcome.modelSha256()).containsKey("trii.gate.decided_at");
    for (GateCheck check : outcome.decision().checks()) {
      assertThat(tags.get("trii.gate.checks")).contains("\"name\":\"" + check.name() + "\"");
    }
    assertThat(server.runTags(outcome.runId())).containsEntry("trii.gate.passed", "true")
        .containsEntry("trii.gate.model_version", String.valueOf(outcome.version()));
    assertThat(registry.listDecisions(model)).singleElement()
        .satisfies(decision -> assertThat(decision.checks()).isEqualTo(outcome.decision().checks()));
  }
}
