package dev.trii.scoring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys, scopes and rate limits on every route of a real server: who gets 200, 401, 403 and 429, what a predict-only
 * key may see of the model, and key rotation and revocation.
 */
class ScoringSecurityIT {

  private static ScoringHarness api;
  private static ModelVersion champion;
  private static String admin;
  private static String predictOnly;
  private static String readModels;

  @BeforeAll
  static void start() {
    api = ScoringHarness.prepare();
    champion = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME,
        ModelFixtures.train(7), ModelFixtures.Damage.NONE);
    api.start(Duration.ofSeconds(30));
    admin = api.createKey("ops", 10_000, ApiScope.ADMIN);
    predictOnly = api.createKey("app", 10_000, ApiScope.PREDICT);
    readModels = api.createKey("analyst", 10_000, ApiScope.READ_MODELS);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @AfterEach
  void backToAdmin() {
    api.withKey(admin);
  }

  /**
   * Every route, with each kind of key: the status it gets (an admin's rollout start is refused for its body, and its
   * stop because none runs: both past the key check).
   */
  @ParameterizedTest(name = "{0} {1} as {2}: {3}")
  @CsvSource({
      "POST, /v1/predict,       none,        401",
      "POST, /v1/predict,       garbage,     401",
      "POST, /v1/predict,       predict,     200",
      "POST, /v1/predict,       read-models, 403",
      "POST, /v1/predict,       admin,       200",
      "POST, /v1/predict/batch, none,        401",
      "POST, /v1/predict/batch, predict,     200",
      "POST, /v1/predict/batch, read-models, 403",
      "POST, /v1/predict/batch, admin,       200",
      "GET,  /v1/model,         none,        401",
      "GET,  /v1/model,         predict,     200",
      "GET,  /v1/model,         read-models, 200",
      "GET,  /v1/model,         admin,       200",
      "GET,  /v1/models,        none,        401",
      "GET,  /v1/models,        predict,     403",
      "GET,  /v1/models,        read-models, 200",
      "GET,  /v1/models,        admin,       200",
      "GET,  /v1/rollout,       none,        401",
      "GET,  /v1/rollout,       predict,     403",
      "GET,  /v1/rollout,       read-models, 200",
      "GET,  /v1/rollout,       admin,       200",
      "POST, /v1/rollout,       none,        401",
      "POST, /v1/rollout,       predict,     403",
      "POST, /v1/rollout,       read-models, 403",
      "POST, /v1/rollout,       admin,       400",
      "DELETE, /v1/rollout,     none,        401",
      "DELETE, /v1/rollout,     read-models, 403",
      "DELETE, /v1/rollout,     admin,       404",
      "GET,  /metrics,          none,        401",
      "GET,  /metrics,          predict,     403",
      "GET,  /metrics,          read-models, 403",
      "GET,  /metrics,          admin,       200",
      "GET,  /health,           none,        200",
      "GET,  /ready,            none,        200",
      "GET,  /openapi.json,     none,        200"})
  void eachRouteAnswersEachKindOfKeyAsItsScopesAllow(String method, String path, String as, int status) {
    api.withKey(switch (as) {
      case "none" -> null;
      case "garbage" -> "trii_sk_000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
      case "predict" -> predictOnly;
      case "read-models" -> readModels;
      default -> admin;
    });

    Answer answer = call(method, path);

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    if (status == 401) {
      assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    if (status == 403) {
      assertThat(answer.json().get("detail").asText()).contains("lacks the scope");
    }
  }

  @Test
  void aPredictOnlyKeySeesTheModelsLineageButNotWhereItIsStoredOrHowItWasTrained() {
    JsonNode lineage = api.withKey(predictOnly).get("/v1/model").json();
    JsonNode full = api.withKey(readModels).get("/v1/model").json();

    assertThat(lineage.get("model_version").asInt()).isEqualTo(champion.version());
    assertThat(lineage.get("run_id").asText()).isEqualTo(champion.runId());
    assertThat(lineage.has("metrics")).isTrue();
    assertThat(lineage.has("feature_names")).isTrue();
    assertThat(lineage.has("source")).isFalse();
    assertThat(lineage.has("params")).isFalse();
    assertThat(lineage.toString()).doesNotContain(champion.source());
    assertThat(full.get("source").asText()).isEqualTo(champion.source());
    assertThat(full.has("params")).isTrue();
  }

  /**
   * Every route that needs a key, with the status it answers within the limit (an admin's rollout start is refused
   * for its body, its stop because none runs: the bucket is charged before either).
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST,   /v1/predict,       200",
      "POST,   /v1/predict/batch, 200",
      "GET,    /v1/model,         200",
      "GET,    /v1/models,        200",
      "GET,    /v1/rollout,       200",
      "POST,   /v1/rollout,       400",
      "DELETE, /v1/rollout,       404",
      "GET,    /metrics,          200"})
  void aKeyOverItsRateIsAnswered429WithRetryAfterAndCanCallAgainLater(String method, String path, int within)
      throws Exception {
    String slow = api.createKey("slow-" + method.toLowerCase(Locale.ROOT) + path.replaceAll("[^a-z]", ""), 2, ApiScope.ADMIN);
    api.withKey(slow);

    List<Integer> statuses = new ArrayList<>();
    Answer refused = null;
    // a bucket of 2 refills one request every 500 ms: back-to-back requests meet an empty one long before 40
    while (refused == null && statuses.size() < 40) {
      Answer answer = call(method, path);
      statuses.add(answer.status());
      refused = answer.status() == 429 ? answer : null;
    }

    assertThat(statuses.subList(0, 2)).as("the bucket starts full").containsOnly(within);
    assertThat(refused).as("answers %s", statuses).isNotNull();
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
    assertThat(refused.json().get("detail").asText()).contains("over its limit of 2 requests per second");
    Thread.sleep(1100);
    assertThat(call(method, path).status()).as("a second later the bucket holds tokens again").isEqualTo(within);
  }

  private static Answer call(String method, String path) {
    return switch (method) {
      case "GET" -> api.get(path);
      case "DELETE" -> api.send(api.request(path).DELETE().build());
      default -> api.postJson(path, body(path));
    };
  }

  @Test
  void oneKeysLimitDoesNotThrottleAnother() {
    String tight = api.createKey("tight", 1, ApiScope.PREDICT);
    api.withKey(tight);
    api.get("/v1/model");
    assertThat(api.get("/v1/model").status()).isEqualTo(429);

    assertThat(api.withKey(predictOnly).get("/v1/model").status()).isEqualTo(200);
  }

  @Test
  void aRevokedKeyIsRefusedOnceTheKeysAreReloadedAndARotatedOneOverlapsWithItsSuccessor() throws Exception {
    ApiKeys keys = new ApiKeys(api.database().database().dataSource(), Clock.systemUTC());
    String doomed = api.createKey("doomed", 100, ApiScope.PREDICT);
    String rotating = api.createKey("rotating", 100, ApiScope.PREDICT);
    assertThat(api.withKey(doomed).get("/v1/model").status()).isEqualTo(200);
    String forged = doomed.substring(0, doomed.length() - 1) + (doomed.endsWith("A") ? "B" : "A");
    assertThat(api.withKey(forged).get("/v1/model").status()).as("the prefix of a key just accepted, another secret")
        .isEqualTo(401);

    keys.revoke("doomed");
    String successor = keys.rotate("rotating", Duration.ofHours(1)).key();
    String expiring = api.createKey("expiring", 100, ApiScope.PREDICT);
    keys.rotate("expiring", Duration.ZERO);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // the API reloads its keys every 5 s: the revoked key works until then
    while (api.withKey(doomed).get("/v1/model").status() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    assertThat(api.withKey(doomed).get("/v1/model").status()).isEqualTo(401);
    assertThat(api.withKey(rotating).get("/v1/model").status()).as("the old key, during the overlap").isEqualTo(200);
    assertThat(api.withKey(successor).get("/v1/model").status()).as("the new key at once").isEqualTo(200);
    Answer expired = api.withKey(expiring).get("/v1/model");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().get("detail").asText()).contains("unknown or revoked");
    assertThat(keys.list().stream().filter(k -> k.name().equals("rotating")).toList()).hasSize(2);
  }

  @Test
  void everyAnswerCarriesTheRequestIdTheClientSentOrANewOne() {
    Answer given = api.send(api.request("/v1/model").header("X-Request-Id", "app-42.call:7").GET().build());
    Answer generated = api.get("/v1/model");
    Answer unusable = api.send(api.request("/v1/model").header("X-Request-Id", "no spaces allowed").GET().build());
    Answer refused = api.withKey(null).get("/v1/model");

    assertThat(given.header("X-Request-Id")).isEqualTo("app-42.call:7");
    assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(unusable.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(refused.header("X-Request-Id")).as("refusals too").matches("[0-9a-f-]{36}");
  }

  private static Object body(String path) {
    Map<String, Object> features = ModelFixtures.asFeatures(ModelFixtures.row(new Random(5)));
    return path.endsWith("batch") ? Map.of("rows", List.of(features, features)) : Map.of("features", features);
  }
}
