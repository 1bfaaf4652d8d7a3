package dev.trii.scoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.testing.BarsTable;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prediction log through the real HTTP server and database: every answer is found in {@code prediction_log}, a
 * batch's rows under one request id with their indexes, with the model version and run that gave it, the
 * fingerprint of the vector it scored and, for a prediction by symbol, the bar it is about; a refused request logs
 * nothing.
 */
class PredictionLogIT {

  private static final LocalDate SESSION = LocalDate.of(2026, 11, 20);

  private static ScoringHarness api;
  private static ModelVersion champion;
  private static List<Bar> session;

  @BeforeAll
  static void start() {
    api = ScoringHarness.prepare();
    Booster booster = ModelFixtures.train(7);
    champion = ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, booster,
        ModelFixtures.Damage.NONE);
    session = bars("AAPL", SESSION, 80);
    BarsTable.upsert(api.database().dataSource(), session);
    api.start(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void logsEveryAnswerWithTheModelVersionAndTheVectorItScoredAndNothingOfARefusedRequest() {
    double loggedBefore = api.metric("trii_scoring_prediction_log_rows_total{outcome=\"logged\"}");
    float[] single = ModelFixtures.row(new Random(21));
    List<float[]> rows = List.of(ModelFixtures.row(new Random(22)), ModelFixtures.row(new Random(23)),
        ModelFixtures.row(new Random(24)));

    Answer byFeaturesAnswer = api.postJson("/v1/predict", Map.of("features", ModelFixtures.asFeatures(single)),
        Map.of("X-Request-Id", "app-7.call:1"));
    assertThat(byFeaturesAnswer.status()).as(byFeaturesAnswer.body()).isEqualTo(200);
    JsonNode byFeatures = byFeaturesAnswer.json();
    Answer batchAnswer = api.postJson("/v1/predict/batch",
        Map.of("rows", rows.stream().map(ModelFixtures::asFeatures).toList()));
    JsonNode batch = batchAnswer.json();
    JsonNode bySymbol = post("/v1/predict", Map.of("symbol", "AAPL"));
    Answer refused = api.postJson("/v1/predict", Map.of("symbol", "ZZZZ"));
    awaitLogWritten();

    assertThat(refused.status()).isEqualTo(404);
    assertThat(api.database().count("prediction_log")).isEqualTo(5);
    assertThat(byHash(single)).singleElement().satisfies(row -> {
      assertThat(row).containsEntry("row_index", 0).containsEntry("model_name", ScoringHarness.MODEL_NAME)
          .containsEntry("model_version", champion.version()).containsEntry("run_id", champion.runId())
          .containsEntry("feature_set", FeatureSet.v2().version())
          .containsEntry("probability_up", byFeatures.get("probability_up").asDouble())
          .containsEntry("direction", byFeatures.get("prediction").asText());
      assertThat(row.get("request_id")).as("the client's X-Request-Id").isEqualTo("app-7.call:1");
      assertThat(row.get("symbol")).isNull();
      assertThat(row.get("as_of")).isNull();
      assertThat(row.get("trading_date")).isNull();
      assertThat(row.get("outcome")).as("pending").isNull();
      assertThat(row.get("labelled_at")).isNull();
    });

    List<Map<String, Object>> batchRows = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = byHash(rows.get(i)).get(0);
      assertThat(row).containsEntry("row_index", i)
          .containsEntry("probability_up", batch.get("predictions").get(i).get("probability_up").asDouble())
          .containsEntry("model_version", champion.version());
      batchRows.add(row);
    }
    assertThat(batchRows).extracting(row -> row.get("request_id")).as("one request, the id its answer carries")
        .containsOnly(batchAnswer.header("X-Request-Id"));

    double[] features = FeatureSet.v2().latestFeatures(session);
    float[] vector = new float[features.length];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) features[i];
    }
    Bar latest = session.get(session.size() - 1);
    assertThat(Instant.parse(bySymbol.get("as_of").asText())).isEqualTo(latest.barInstant());
    assertThat(byHash(vector)).singleElement().satisfies(row -> assertThat(row).containsEntry("symbol", "AAPL")
        .containsEntry("as_of", Timestamp.from(latest.barInstant()))
        .containsEntry("trading_date", java.sql.Date.valueOf(SESSION))
        .containsEntry("probability_up", bySymbol.get("probability_up").asDouble()));

    assertThat(api.metric("trii_scoring_prediction_log_rows_total{outcome=\"logged\"}") - loggedBefore).isEqualTo(5);
    assertThat(api.metric("trii_scoring_prediction_log_rows_total{outcome=\"dropped\"}")).isZero();
    assertThat(api.metric("trii_scoring_prediction_log_rows_total{outcome=\"failed\"}")).isZero();
  }

  private static JsonNode post(String path, Object body) {
    Answer answer = api.postJson(path, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** Waits until the log has written what the answered requests handed it (its backlog is empty). */
  private static void awaitLogWritten() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (api.metric("trii_scoring_prediction_log_backlog") > 0) {
      assertThat(System.nanoTime()).as("the prediction log's backlog empties").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The log's rows of the vector with this fingerprint. */
  private static List<Map<String, Object>> byHash(float[] vector) {
    return api.database().jdbc().queryForList("select * from prediction_log where features_sha256 = ?",
        FeatureHash.sha256(vector));
  }

  /** A session's first minutes of bars with book sizes, prices moving a cent at a time. */
  private static List<Bar> bars(String symbol, LocalDate date, int minutes) {
    Random random = new Random(5);
    long open = FeatureSet.v2().calendar(symbol).openOf(date);
    List<Bar> bars = new ArrayList<>();
    double price = 120;
    for (int m = 0; m < minutes; m++) {
      double close = price + 0.01 * (random.nextInt(3) - 1);
      bars.add(new Bar(symbol, open + m * Bar.MINUTE_MILLIS, price, Math.max(price, close), Math.min(price, close),
          close, 100 + random.nextInt(900), (price + close) / 2, 20, 0.01, 100 + random.nextInt(900),
          100 + random.nextInt(900), 2 * random.nextDouble() - 1));
      price = close;
    }
    return bars;
  }
}
