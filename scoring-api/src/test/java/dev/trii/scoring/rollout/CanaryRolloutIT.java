package dev.trii.scoring.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Canary and shadow rollouts through the real server: a healthy challenger climbs the stages and is promoted, one
 * with an injected regression rolls itself back, a shadow challenger is only measured.
 */
class CanaryRolloutIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private ScoringHarness api;

  private ScoringHarness start(Map<Setting, String> policy) {
    Map<Setting, String> settings = new HashMap<>(Map.of(Settings.ROLLOUT_MIN_REQUESTS, "30",
        Settings.ROLLOUT_MIN_STAGE_SECONDS, "0"));
    settings.putAll(policy);
    api = ScoringHarness.prepare(settings);
    return api;
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void aHealthyCanaryClimbsEveryStageStickyPerClientAndIsPromoted() {
    // latency is judged in RolloutJudgeTest: here a GC pause must not pass for a regression
    start(Map.of(Settings.ROLLOUT_P99_SLACK_MS, "1000"));
    ModelVersion champion = ModelFixtures.promote(registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(7), ModelFixtures.Damage.NONE);
    ModelVersion challenger = ModelFixtures.register(registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(8), ModelFixtures.Damage.NONE);
    api.start(Duration.ofMillis(100));

    Answer started = api.postJson("/v1/rollout", Map.of("version", challenger.version()));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().get("share_percent").asInt()).isEqualTo(5);

    Set<String> inCanary = new HashSet<>();
    List<String> clients = clients(200);
    Set<Integer> sharesSeen = new HashSet<>();
    JsonNode ended = predictUntilEnded(clients, (client, answer) -> {
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode body = answer.json();
      boolean fromChallenger = body.get("served_by").asText().equals("challenger");
      if (fromChallenger) {
        assertThat(body.get("model_version").asInt()).isEqualTo(challenger.version());
        assertThat(body.get("run_id").asText()).isEqualTo(challenger.runId());
        inCanary.add(client);
      } else if (body.get("model_version").asInt() == champion.version()) {
        assertThat(inCanary).as("a client in the canary stays there while the share grows").doesNotContain(client);
      }
    }, sharesSeen);

    assertThat(ended.get("state").asText()).isEqualTo("PROMOTED");
    assertThat(ended.get("reason").asText()).startsWith("canary passed [5, 25, 50, 100] %");
    assertThat(sharesSeen).as("every stage was served").contains(5, 25, 50, 100);
    assertThat(inCanary).as("clients were answered by the challenger").isNotEmpty();
    assertThat(registry().getVersionByAlias(ScoringHarness.MODEL_NAME, ModelRegistry.CHAMPION).orElseThrow().version())
        .isEqualTo(challenger.version());
    JsonNode after = predict("c-after").json();
    assertThat(after.get("model_version").asInt()).isEqualTo(challenger.version());
    assertThat(after.get("served_by").asText()).isEqualTo("champion");
    assertThat(api.metric("trii_scoring_rollouts_ended_total{state=\"promoted\"}")).isEqualTo(1);
  }

  @Test
  void aCanaryWithAnInjectedRegressionRollsItselfBack() {
    start(Map.of());
    ModelVersion champion = ModelFixtures.promote(registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(7), ModelFixtures.Damage.NONE);
    // the regression: the new model needs a feature the apps do not send
    ModelVersion broken = ModelFixtures.register(registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(9), ModelFixtures.Damage.RENAMED_FEATURE);
    api.start(Duration.ofMillis(100));
    assertThat(api.postJson("/v1/rollout", Map.of("version", broken.version(), "stages", List.of(25, 100))).status())
        .isEqualTo(201);

    JsonNode ended = predictUntilEnded(clients(100), (client, answer) -> { }, new HashSet<>());

    assertThat(ended.get("state").asText()).isEqualTo("ROLLED_BACK");
    assertThat(ended.get("reason").asText()).startsWith("rolled back at 25 %: error rate 100.00%");
    assertThat(registry().getVersionByAlias(ScoringHarness.MODEL_NAME, ModelRegistry.CHAMPION).orElseThrow().version())
        .as("the champion never changed").isEqualTo(champion.version());
    for (String client : clients(100)) {
      Answer answer = predict(client);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().get("model_version").asInt()).isEqualTo(champion.version());
    }
    assertThat(api.metric("trii_scoring_rollouts_ended_total{state=\"rolled_back\"}")).isEqualTo(1);
    assertThat(api.metric("trii_scoring_model_failures_total{served_by=\"challenger\"}")).isGreaterThan(0);
    assertThat(api.metric("trii_scoring_canary_share_percent")).isZero();
  }

  @Test
  void aShadowChallengerScoresEveryRequestOffThePathAndOnlyTheChampionAnswers() throws Exception {
    start(Map.of());
    ModelVersion champion = ModelFixtures.promote(registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(7), ModelFixtures.Damage.NONE);
    ModelVersion shadow = ModelFixtures.register(registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(8), ModelFixtures.Damage.NONE);
    api.start(Duration.ofSeconds(30));
    assertThat(api.postJson("/v1/rollout", Map.of("version", shadow.version(), "mode", "shadow")).status())
        .isEqualTo(201);

    for (String client : clients(60)) {
      JsonNode answer = predict(client).json();
      assertThat(answer.get("model_version").asInt()).isEqualTo(champion.version());
      assertThat(answer.get("served_by").asText()).isEqualTo("champion");
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode running;
    do {
      Thread.sleep(50);
      running = api.get("/v1/rollout").json().get("running");
    } while (running.get("shadow").get("compared").asLong() < 60 && System.nanoTime() < deadline);

    JsonNode measured = running.get("shadow");
    assertThat(measured.get("compared").asLong()).isEqualTo(60);
    assertThat(measured.get("agreement").asDouble()).isBetween(0.0, 1.0);
    assertThat(api.metric("trii_scoring_shadow_comparisons_total{agreement=\"agree\"}")
        + api.metric("trii_scoring_shadow_comparisons_total{agreement=\"disagree\"}")).isEqualTo(60);
    assertThat(api.metric("trii_scoring_shadow_duration_seconds_count")).isEqualTo(60);

    Answer stopped = api.send(api.request("/v1/rollout").DELETE().build());
    assertThat(stopped.status()).isEqualTo(200);
    assertThat(stopped.json().get("state").asText()).isEqualTo("STOPPED");
    assertThat(api.get("/v1/rollout").json().get("running").isNull()).isTrue();
    assertThat(api.send(api.request("/v1/rollout").DELETE().build()).status()).isEqualTo(404);
  }

  @Test
  void aRolloutRequestIsCheckedFieldByField() {
    start(Map.of());
    ModelFixtures.promote(registry(), api.store(), ScoringHarness.MODEL_NAME, ModelFixtures.train(7),
        ModelFixtures.Damage.NONE);
    api.start(Duration.ofSeconds(30));

    assertThat(api.postJson("/v1/rollout", Map.of("version", 99)).json().get("detail").asText())
        .contains("has no version 99");
    assertThat(api.postJson("/v1/rollout", Map.of("version", 1)).json().get("detail").asText())
        .contains("already the champion");
    assertThat(api.postJson("/v1/rollout", Map.of("version", 1, "mode", "blue")).json().get("field").asText())
        .isEqualTo("mode");
    assertThat(api.postJson("/v1/rollout", Map.of("version", 1, "stages", List.of(50, 20))).status()).isEqualTo(400);
    assertThat(api.postJson("/v1/rollout", Map.of("version", 1, "extra", true)).json().get("unknown_fields").get(0)
        .asText()).isEqualTo("extra");
  }

  /** Sends rounds of predictions from every client until the rollout ends; returns it as ended. */
  private JsonNode predictUntilEnded(List<String> clients, AnswerCheck check, Set<Integer> sharesSeen) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode view = api.get("/v1/rollout").json();
      if (view.get("running").isNull()) {
        return view.get("recent").get(0);
      }
      sharesSeen.add(view.get("running").get("rollout").get("share_percent").asInt());
      for (int i = 0; i < clients.size(); i++) {
        check.accept(clients.get(i), predict(clients.get(i)));
        if (i % 20 == 19) { // the stage may move within a round
          JsonNode running = api.get("/v1/rollout").json().get("running");
          if (!running.isNull()) {
            sharesSeen.add(running.get("rollout").get("share_percent").asInt());
          }
        }
      }
    }
    throw new AssertionError("the rollout did not end within " + PATIENCE + ": " + api.get("/v1/rollout").body());
  }

  interface AnswerCheck {
    void accept(String client, Answer answer);
  }

  private Answer predict(String client) {
    try {
      String body = JSON.writeValueAsString(Map.of("features", ModelFixtures.asFeatures(
          ModelFixtures.row(new Random(client.hashCode())))));
      return api.send(api.request("/v1/predict").header("Content-Type", "application/json")
          .header("X-Client-Id", client).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> clients(int count) {
    return IntStream.range(0, count).mapToObj(i -> "c-" + i).toList();
  }

  private ModelRegistry registry() {
    return api.platform().registry();
  }
}
