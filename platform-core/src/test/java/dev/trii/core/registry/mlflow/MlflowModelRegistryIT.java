package dev.trii.core.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelRegistryContract;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.testing.mlflow.MlflowTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry contract on the MLflow adapter against the HTTP double of an MLflow server (the twin of
 * {@link MlflowContainerModelRegistryIT}, which runs where Docker exists), plus what only MLflow shows: how
 * promotions, alias history and decisions look on the server.
 */
class MlflowModelRegistryIT extends ModelRegistryContract {

  private static MlflowTestServer server;
  private static MlflowModelRegistry registry;

  @BeforeAll
  static void startServer() {
    server = MlflowTestServer.servingArtifacts();
    // a page of two makes every listing follow next_page_token
    registry = new MlflowModelRegistry(server.uri(), 2);
  }

  @AfterAll
  static void stopServer() {
    registry.close();
    server.close();
  }

  @Override
  protected ModelRegistry registry() {
    return registry;
  }

  @Override
  protected String artifactRoot() {
    return "mlflow-artifacts:";
  }

  @Test
  void trackingUriThatIsNotAnMlflowServerIsNamed() {
    try (MlflowModelRegistry elsewhere = new MlflowModelRegistry(server.uri() + "/not-mlflow")) {
      assertThatThrownBy(elsewhere::listModels)
          .isInstanceOf(MlflowRequestException.class)
          .hasMessageContaining("answered GET registered-models/search with HTTP 404")
          .hasMessageContaining("is MLFLOW_TRACKING_URI the URL of an MLflow tracking server?");
    }
  }

  @Test
  void promotionIsOneSetAliasCallAndItsHistoryIsARegisteredModelTag() {
    trainedVersion(model);
    trainedVersion(model);
    registry.setAlias(model, ModelRegistry.CHAMPION, 1, "first");
    int before = server.requests().size();

    registry.setAlias(model, ModelRegistry.CHAMPION, 2, "better");

    List<String> calls = new ArrayList<>(server.requests().subList(before, server.requests().size()));
    assertThat(calls).filteredOn(call -> call.contains("/registered-models/alias"))
        .containsExactly("POST /api/2.0/mlflow/registered-models/alias");
    assertThat(server.aliasVersion(model, ModelRegistry.CHAMPION)).contains(2);
    assertThat(server.modelTags(model)).hasSize(2).allSatisfy((key, value) ->
        assertThat(key).matches("trii\\.alias_history\\.champion\\.\\d{15}-[0-9a-f]{4}"));
    assertThat(server.modelTags(model).values())
        .anySatisfy(value -> assertThat(value).contains("\"version\":2", "\"previous\":1", "\"reason\":\"better\""));
  }

  @Test
  void decisionIsKeptAsVersionAndRunTagsWithEveryCheck() {
    ModelVersion candidate = trainedVersion(model);
    GateCheck check = new GateCheck("validation_accuracy > 0.7", 0.5, 0.7, false, "0.50 <= 0.70");

    registry.recordDecision(new PromotionDecision(model, 1, null, false, List.of(check), "1 check failed", null));

    Map<String, String> tags = server.versionTags(model, 1);
    assertThat(tags).containsEntry("trii.gate.passed", "false").containsEntry("trii.gate.summary", "1 check failed")
        .containsEntry("trii.gate.champion_version", "").containsEntry("trii.gate.checks_parts", "1")
        .containsKey("trii.gate.decided_at");
    assertThat(tags.get("trii.gate.checks")).contains("\"name\":\"validation_accuracy > 0.7\"", "\"value\":0.5",
        "\"threshold\":0.7", "\"passed\":false");
    assertThat(server.runTags(candidate.runId())).containsEntry("trii.gate.passed", "false")
        .containsEntry("trii.gate.model_version", "1").containsKey("trii.gate.checks");
    assertThat(server.aliasVersion(model, ModelRegistry.CHAMPION)).isEmpty();
  }

  @Test
  void checksLongerThanOneTagAreSplitAndReadBackWhole() {
    trainedVersion(model);
    List<GateCheck> checks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      checks.add(new GateCheck("data_quality check " + i, i, 0, false, "2024-03-0" + (i % 9 + 1) + " AAA "
          + "completeness 0.5 < 0.95 ".repeat(8)));
    }

    registry.recordDecision(new PromotionDecision(model, 1, null, false, checks, "quality failed", null));

    assertThat(Integer.parseInt(server.versionTags(model, 1).get("trii.gate.checks_parts"))).isGreaterThan(1);
    assertThat(server.versionTags(model, 1).values())
        .allSatisfy(value -> assertThat(value).hasSizeLessThanOrEqualTo(5000));
    assertThat(registry.listDecisions(model).get(0).checks()).isEqualTo(checks);
  }
}
