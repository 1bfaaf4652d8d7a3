package dev.trii.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ModelFixtures.Damage;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The life of the served model on a running server: not ready without a champion, ready once one is promoted,
 * swapping to each new promotion, refusing broken versions while the previous one keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelRefreshIT {

  private static final Duration REFRESH = Duration.ofMillis(250);
  /** Generous against a busy machine, yet far below anything a test without refreshing could pass. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private static ScoringHarness api;
  private static Booster first;
  private static Booster second;
  private static final float[] ROW = ModelFixtures.row(new Random(21));

  @BeforeAll
  static void start() {
    api = ScoringHarness.prepare().start(REFRESH);
    first = ModelFixtures.train(1);
    second = ModelFixtures.train(2);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  @Order(1)
  void isLiveButNotReadyAndAnswers503WithoutAChampion() {
    assertThat(api.get("/health").status()).isEqualTo(200);
    Answer ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().get("reason").asText()).contains("no 'champion' alias");

    Answer predict = predict();
    assertThat(predict.status()).isEqualTo(503);
    assertThat(predict.json().get("detail").asText()).contains("no model is loaded");
    assertThat(api.get("/v1/model").status()).isEqualTo(503);
  }

  @Test
  @Order(2)
  void servesTheFirstChampionOnceItIsPromoted() {
    ModelVersion v1 = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, first,
        Damage.NONE);

    awaitModel(json -> json.get("model_version").asInt() == v1.version());

    assertThat(api.get("/ready").status()).isEqualTo(200);
    Answer predict = predict();
    assertThat(predict.json().get("model_version").asInt()).isEqualTo(v1.version());
    assertThat(predict.json().get("probability_up").asDouble())
        .isCloseTo(ModelFixtures.predict(first, ROW), within(1e-7));
  }

  @Test
  @Order(3)
  void swapsToANewlyPromotedVersionWithinTheRefreshInterval() {
    ModelVersion v2 = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, second,
        Damage.NONE);

    Duration took = timeUntil(json -> json.get("model_version").asInt() == v2.version());

    // one refresh interval, plus slack for reading and loading the model on a busy machine
    assertThat(took).isLessThan(REFRESH.plus(Duration.ofSeconds(2)));
    Answer predict = predict();
    assertThat(predict.json().get("model_version").asInt()).isEqualTo(v2.version());
    assertThat(predict.json().get("probability_up").asDouble())
        .isCloseTo(ModelFixtures.predict(second, ROW), within(1e-7))
        .isNotCloseTo(ModelFixtures.predict(first, ROW), within(1e-9));
    assertThat(api.metric("trii_scoring_model_version{model=\"" + ScoringHarness.MODEL_NAME + "\"}"))
        .isEqualTo(v2.version());
  }

  @Test
  @Order(4)
  void refusesAVersionWhoseChecksumDoesNotMatchAndKeepsServingThePreviousOne() {
    double failuresBefore = api.metric("trii_scoring_model_reloads_total{outcome=\"failure\"}");
    ModelVersion bad = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, first,
        Damage.WRONG_CHECKSUM);

    JsonNode model = awaitModel(json -> json.get("last_load_error").has("version")
        && json.get("last_load_error").get("version").asInt() == bad.version());

    assertThat(model.get("model_version").asInt()).isEqualTo(bad.version() - 1);
    assertThat(model.get("last_load_error").get("message").asText()).contains("checksum mismatch");
    Answer predict = predict();
    assertThat(predict.status()).isEqualTo(200);
    assertThat(predict.json().get("model_version").asInt()).isEqualTo(bad.version() - 1);
    assertThat(api.get("/ready").status()).isEqualTo(200);
    assertThat(api.metric("trii_scoring_model_load_error")).isEqualTo(1);
    // a refused version is not reloaded at every poll (the harness retries after 10 minutes)
    sleep(REFRESH.multipliedBy(4));
    assertThat(api.metric("trii_scoring_model_reloads_total{outcome=\"failure\"}")).isEqualTo(failuresBefore + 1);
  }

  @Test
  @Order(5)
  void refusesAVersionTrainedOnAnotherFeatureSetAndKeepsServingThePreviousOne() {
    ModelVersion other = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME,
        second, Damage.OTHER_FEATURE_SET);

    JsonNode model = awaitModel(json -> json.get("last_load_error").has("version")
        && json.get("last_load_error").get("version").asInt() == other.version());

    assertThat(model.get("model_version").asInt()).isEqualTo(other.version() - 2);
    assertThat(model.get("last_load_error").get("message").asText())
        .contains("trained on feature set v2-0123456789ab but this server computes " + FeatureSet.v2().version());
    assertThat(predict().json().get("model_version").asInt()).isEqualTo(other.version() - 2);
  }

  @Test
  @Order(6)
  void refusesAVersionWithoutItsModelFile() {
    ModelVersion missing = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME,
        first, Damage.NO_MODEL_FILE);

    JsonNode model = awaitModel(json -> json.get("last_load_error").has("version")
        && json.get("last_load_error").get("version").asInt() == missing.version());

    assertThat(model.get("last_load_error").get("message").asText()).contains("model.json");
    assertThat(predict().json().get("model_version").asInt()).isEqualTo(model.get("model_version").asInt());
  }

  @Test
  @Order(7)
  void clearsTheErrorWhenTheChampionGoesBackToAGoodVersion() {
    int serving = api.get("/v1/model").json().get("model_version").asInt();
    api.platform().registry().setAlias(ScoringHarness.MODEL_NAME, "champion", serving, "rollback");

    JsonNode model = awaitModel(json -> json.get("last_load_error").isNull());

    assertThat(model.get("model_version").asInt()).isEqualTo(serving);
    assertThat(api.metric("trii_scoring_model_load_error")).isEqualTo(0);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Answer predict() {
    return api.postJson("/v1/predict", Map.of("features", ModelFixtures.asFeatures(ROW)));
  }

  private static Duration timeUntil(Predicate<JsonNode> condition) {
    long start = System.nanoTime();
    awaitModel(condition);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Polls {@code /v1/model} until the condition holds; fails after {@link #DEADLINE}. */
  private static JsonNode awaitModel(Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Answer answer = api.get("/v1/model");
      if (answer.status() == 200) {
        last = answer.json();
        if (condition.test(last)) {
          return last;
        }
      }
      sleep(Duration.ofMillis(50));
    }
    throw new AssertionError("/v1/model did not reach the expected state within " + DEADLINE + "; last: " + last);
  }
}
