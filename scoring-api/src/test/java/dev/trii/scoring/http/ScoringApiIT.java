package dev.trii.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.testing.BarsTable;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring API's endpoints against a real server, database and object store, with a fixed champion. */
class ScoringApiIT {

  private static ScoringHarness api;
  private static Booster booster;
  private static ModelVersion champion;
  private static List<Bar> aaplSession;

  @BeforeAll
  static void start() {
    api = ScoringHarness.prepare();
    booster = ModelFixtures.train(7);
    champion = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, booster,
        ModelFixtures.Damage.NONE);
    aaplSession = insertBars(api, "AAPL", LocalDate.of(2026, 11, 20), 95, 11);
    insertBars(api, "AAPL", LocalDate.of(2026, 11, 19), 390, 12);
    insertBars(api, "MSFT", LocalDate.of(2026, 11, 23), 30, 13);
    api.start(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void predictsByFeaturesWithTheChampionAndTheProbabilityXGBoostGives() {
    float[] row = ModelFixtures.row(new Random(99));

    Answer answer = api.postJson("/v1/predict", Map.of("features", ModelFixtures.asFeatures(row)));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode json = answer.json();
    double expected = ModelFixtures.predict(booster, row);
    assertThat(json.get("model").asText()).isEqualTo(ScoringHarness.MODEL_NAME);
    assertThat(json.get("model_version").asInt()).isEqualTo(champion.version());
    assertThat(json.get("probability_up").asDouble()).isCloseTo(expected, within(1e-7));
    assertThat(json.get("prediction").asText()).isEqualTo(expected >= 0.5 ? "up" : "down");
    assertThat(json.get("feature_set").asText()).isEqualTo(FeatureSet.v2().version());
    assertThat(json.has("symbol")).isFalse();
    assertThat(json.has("stale")).as("only predictions by symbol have a bar").isFalse();
  }

  @Test
  void scoresABatchWithOneModelVersionInTheOrderGiven() {
    Random random = new Random(17);
    List<float[]> rows = new ArrayList<>();
    List<Map<String, Object>> body = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      float[] row = ModelFixtures.row(random);
      rows.add(row);
      body.add(ModelFixtures.asFeatures(row));
    }

    Answer answer = api.postJson("/v1/predict/batch", Map.of("rows", body));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.get("model_version").asInt()).isEqualTo(champion.version());
    assertThat(json.get("predictions")).hasSize(50);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(json.get("predictions").get(i).get("probability_up").asDouble())
          .isCloseTo(ModelFixtures.predict(booster, rows.get(i)), within(1e-7));
    }
  }

  @Test
  void refusesABatchRowThatDoesNotFitNamingTheRowAndOversizedOrEmptyBatches() {
    List<Map<String, Object>> body = new ArrayList<>();
    body.add(ModelFixtures.asFeatures(ModelFixtures.row(new Random(1))));
    Map<String, Object> bad = new LinkedHashMap<>(ModelFixtures.asFeatures(ModelFixtures.row(new Random(2))));
    bad.put("ret_2m", 0.001);
    body.add(bad);

    Answer unknown = api.postJson("/v1/predict/batch", Map.of("rows", body));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("row").asInt()).isEqualTo(1);
    assertThat(unknown.json().get("detail").asText()).startsWith("row 1: features do not match the model");
    assertThat(unknown.json().get("unknown_features")).extracting(JsonNode::asText).containsExactly("ret_2m");

    Map<String, Object> wrongType = new LinkedHashMap<>(ModelFixtures.asFeatures(ModelFixtures.row(new Random(3))));
    wrongType.put("rsi_14", "high");
    Answer typed = api.postJson("/v1/predict/batch", Map.of("rows", List.of(wrongType)));
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.json().get("detail").asText()).startsWith("row 0: feature values must be numbers or null");

    List<Map<String, Object>> tooMany = new ArrayList<>();
    Map<String, Object> tiny = Map.of("x", 1);
    for (int i = 0; i < 1001; i++) {
      tooMany.add(tiny);
    }
    Answer oversized = api.postJson("/v1/predict/batch", Map.of("rows", tooMany));
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.json().get("detail").asText()).isEqualTo("a batch has at most 1000 rows, got 1001");
    assertThat(api.postJson("/v1/predict/batch", Map.of("rows", List.of())).status()).isEqualTo(400);
    assertThat(api.post("/v1/predict/batch", "{\"rows\": [], \"extra\": 1}").json().get("unknown_fields"))
        .extracting(JsonNode::asText).containsExactly("extra");
  }

  @Test
  void treatsJsonNullAsAMissingFeature() {
    float[] row = ModelFixtures.row(new Random(5));
    row[0] = Float.NaN;
    row[6] = Float.NaN;

    Answer answer = api.postJson("/v1/predict", Map.of("features", ModelFixtures.asFeatures(row)));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("probability_up").asDouble())
        .isCloseTo(ModelFixtures.predict(booster, row), within(1e-7));
  }

  @Test
  void rejectsMissingAndUnknownFeatureNamesListingThem() {
    Map<String, Object> features = new LinkedHashMap<>(ModelFixtures.asFeatures(ModelFixtures.row(new Random(1))));
    features.remove("rsi_14");
    features.remove("spread_bps");
    features.put("ret_2m", 0.001);

    Answer answer = api.postJson("/v1/predict", Map.of("features", features));

    assertThat(answer.status()).isEqualTo(400);
    JsonNode json = answer.json();
    assertThat(json.get("missing_features")).extracting(JsonNode::asText).containsExactly("rsi_14", "spread_bps");
    assertThat(json.get("unknown_features")).extracting(JsonNode::asText).containsExactly("ret_2m");
    assertThat(json.get("detail").asText()).contains("rsi_14", "spread_bps", "ret_2m");
  }

  @Test
  void predictsBySymbolWithTheFeaturesTheTrainingCodeComputesFromItsLatestSession() {
    double[] expectedFeatures = FeatureSet.v2().latestFeatures(aaplSession);
    float[] row = new float[expectedFeatures.length];
    for (int i = 0; i < row.length; i++) {
      row[i] = (float) expectedFeatures[i];
    }

    Answer answer = api.postJson("/v1/predict", Map.of("symbol", "AAPL"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.get("symbol").asText()).isEqualTo("AAPL");
    assertThat(Instant.parse(json.get("as_of").asText()))
        .isEqualTo(aaplSession.get(aaplSession.size() - 1).barInstant());
    assertThat(json.get("model_version").asInt()).isEqualTo(champion.version());
    assertThat(json.get("probability_up").asDouble()).isCloseTo(ModelFixtures.predict(booster, row), within(1e-7));
    // the session is in the past: the answer says how old its latest bar is, and that it is stale
    long age = Duration.between(aaplSession.get(aaplSession.size() - 1).barInstant().plusSeconds(60), Instant.now())
        .toSeconds();
    assertThat(json.get("bar_age_seconds").asLong()).isBetween(age - 60, age + 60);
    assertThat(json.get("stale").asBoolean()).isTrue();
    for (int i = 0; i < expectedFeatures.length; i++) {
      JsonNode value = json.get("features").get(FeatureSet.NAMES.get(i));
      if (Double.isNaN(expectedFeatures[i])) {
        assertThat(value.isNull()).as(FeatureSet.NAMES.get(i)).isTrue();
      } else {
        assertThat(value.asDouble()).as(FeatureSet.NAMES.get(i)).isEqualTo(expectedFeatures[i]);
      }
    }
  }

  @Test
  void answers404ForASymbolWithoutBars() {
    Answer answer = api.postJson("/v1/predict", Map.of("symbol", "ZZZZ"));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("detail").asText()).contains("ZZZZ");
  }

  @ParameterizedTest(name = "{0} -> 400")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"features\": {\"ret_1m\": 0.1|malformed JSON",
      "[1, 2]|must be a JSON object",
      "{\"features\": {\"ret_1m\": \"0.1\"}}|wrong type for [ret_1m]",
      "{\"features\": [0.1, 0.2]}|must be a JSON object of feature name",
      "{\"symbol\": 42}|'symbol' must be a string",
      "{\"symbol\": \"AAPL; drop table\"}|'symbol' must be 1-16 letters",
      "{\"symbol\": \"AAPL\", \"features\": {}}|not both",
      "{}|neither features nor symbol",
      "{\"symbol\": \"AAPL\", \"sym\": 1}|unknown field(s) [sym]",
      "{\"symbol\": \"AAPL\", \"symbol\": \"MSFT\"}|Duplicate field 'symbol'"})
  void answers400WithAReasonForABadBody(String body, String reason) {
    Answer answer = api.post("/v1/predict", body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains(reason);
  }

  @Test
  void answers413ForABodyOverTheLimit() {
    String huge = "{\"symbol\": \"AAPL\", \"pad\": \"" + "x".repeat(100_000) + "\"}";

    Answer answer = api.post("/v1/predict", huge);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("title").asText()).isEqualTo("Content Too Large");
    assertThat(answer.json().get("instance").asText()).isEqualTo("/v1/predict");
    assertThat(answer.json().get("detail").asText()).contains("larger than");
  }

  @Test
  void describesTheServedModel() {
    Answer answer = api.get("/v1/model");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.get("model").asText()).isEqualTo(ScoringHarness.MODEL_NAME);
    assertThat(json.get("model_version").asInt()).isEqualTo(champion.version());
    assertThat(json.get("run_id").asText()).isEqualTo(champion.runId());
    assertThat(json.get("feature_names")).extracting(JsonNode::asText).containsExactlyElementsOf(FeatureSet.NAMES);
    assertThat(json.get("metrics").get("holdout_accuracy").asDouble()).isEqualTo(0.61);
    assertThat(Instant.parse(json.get("loaded_at").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(json.get("last_load_error").isNull()).isTrue();
    JsonNode evaluator = json.get("evaluator");
    assertThat(evaluator.get("name").asText()).as("the trees walked in Java, proven at load").isEqualTo("java-trees");
    assertThat(evaluator.get("proof_rows").asInt()).isGreaterThanOrEqualTo(10_000);
    assertThat(evaluator.get("max_difference").asDouble()).isLessThanOrEqualTo(1e-6);
    assertThat(api.metric("trii_scoring_model_evaluator{evaluator=\"java-trees\"}")).isEqualTo(1);
  }

  @Test
  void isLiveAndReadyWithAModel() {
    assertThat(api.get("/health").status()).isEqualTo(200);
    Answer ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("model_version").asInt()).isEqualTo(champion.version());
  }

  @Test
  void answersUnknownPathsWithAJson404() {
    Answer answer = api.get("/v2/nothing");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("status").asInt()).isEqualTo(404);
  }

  @Test
  void countsRequestsByOutcomeAndExposesTheServedVersionInPrometheusFormat() {
    String ok = "trii_scoring_requests_total{endpoint=\"predict\",status=\"200\"}";
    String invalid = "trii_scoring_requests_total{endpoint=\"predict\",status=\"400\"}";
    String latency = "trii_scoring_prediction_duration_seconds_count{mode=\"features\"}";
    double okBefore = api.metric(ok);
    double invalidBefore = api.metric(invalid);
    double latencyBefore = api.metric(latency);

    api.postJson("/v1/predict", Map.of("features", ModelFixtures.asFeatures(ModelFixtures.row(new Random(3)))));
    api.post("/v1/predict", "{");

    Answer metrics = api.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).contains("# TYPE trii_scoring_requests_total counter",
        "# TYPE trii_scoring_prediction_duration_seconds histogram");
    assertThat(api.metric(ok)).isEqualTo(okBefore + 1);
    assertThat(api.metric(invalid)).isEqualTo(invalidBefore + 1);
    assertThat(api.metric(latency)).isEqualTo(latencyBefore + 1);
    assertThat(api.metric("trii_scoring_model_version{model=\"" + ScoringHarness.MODEL_NAME + "\"}"))
        .isEqualTo(champion.version());
    assertThat(api.metric("trii_scoring_model_reloads_total{outcome=\"success\"}")).isEqualTo(1);
  }

  /** A seeded random walk of 1-minute bars from the session open; returns them oldest first. */
  static List<Bar> insertBars(ScoringHarness api, String symbol, LocalDate date, int minutes, long seed) {
    Random random = new Random(seed);
    long open = FeatureSet.v2().calendar(symbol).openOf(date);
    List<Bar> bars = new ArrayList<>();
    double price = 100 + random.nextDouble() * 50;
    for (int m = 0; m < minutes; m++) {
      if (m > 0 && random.nextInt(20) == 0) {
        continue; // a quiet minute without quotes leaves a gap, as in real data
      }
      double close = price * Math.exp(random.nextGaussian() * 0.001);
      long volume = random.nextInt(5) == 0 ? 0 : 100 + random.nextInt(5000);
      double vwap = volume == 0 ? Double.NaN : (price + close) / 2;
      bars.add(new Bar(symbol, open + m * Bar.MINUTE_MILLIS, price, Math.max(price, close) * 1.0005,
          Math.min(price, close) * 0.9995, close, volume, vwap, 5 + random.nextInt(50), 0.01 + random.nextDouble() * 0.02));
      price = close;
    }
    BarsTable.upsert(api.database().dataSource(), bars);
    return bars;
  }
}
