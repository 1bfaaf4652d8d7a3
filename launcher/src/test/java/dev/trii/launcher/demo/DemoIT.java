package dev.trii.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.testing.TestDatabase;
import dev.trii.launcher.testing.TriiProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the launcher: {@code trii demo --quick} runs as its own process against a fresh database,
 * and what it reports must agree with the tables, the registry, the scoring API's answer and the prediction log with
 * its live accuracy. A second run against the same database must work too.
 */
class DemoIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestDatabase db;

  @TempDir static Path home;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static JsonNode runDemo(Path summaryFile) throws IOException, InterruptedException {
    Map<String, String> settings = new HashMap<>(db.coordinates().asEnvironment());
    settings.putAll(Map.of("TRII_SCHEDULER_PORT", "0", "TRII_SCORING_PORT", "0", "TRII_S3_LOCAL_PORT", "0"));
    TriiProcess.Result demo = TriiProcess.run(home, settings, Duration.ofMinutes(8),
        "demo", "--quick", "--days", "2", "--summary-json", summaryFile.toString());
    assertThat(demo.exitCode()).as("demo exit code: %s", demo).isZero();
    return JSON.readTree(summaryFile.toFile());
  }

  @Test
  void demoReportsWhatTheTablesTheRegistryAndTheScoringApiHold() throws Exception {
    JsonNode first = runDemo(home.resolve("first.json"));

    JsonNode live = first.path("live");
    assertThat(first.path("quotes_ingested").asLong() + live.path("quotes_ingested").asLong())
        .isEqualTo(db.count("quotes"));
    assertThat(first.path("quotes_rejected").asLong()).isPositive();
    assertThat(first.path("quotes_rejected").asLong() + live.path("quotes_rejected").asLong())
        .isEqualTo(db.count("quote_rejects"));
    assertThat(first.path("quotes_read").asLong())
        .isEqualTo(first.path("quotes_ingested").asLong() + first.path("quotes_rejected").asLong());
    first.path("rejects_by_reason").fields().forEachRemaining(reason -> assertThat(
        db.count("quote_rejects where reason = '" + reason.getKey() + "'"))
        .isEqualTo(reason.getValue().asLong() + live.path("rejects_by_reason").path(reason.getKey()).asLong()));
    assertThat(first.path("bars").asLong()).isEqualTo(5L * 2 * 390);
    assertThat(live.path("bars").asLong()).as("the held-back third day").isEqualTo(5L * 390);
    assertThat(db.count("bars_1m")).isEqualTo(5L * 3 * 390);
    assertThat(first.path("feature_rows").asLong()).isPositive().isEqualTo(db.count("feature_rows"));
    assertThat(first.path("pipeline").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(db.count("pipeline_runs where status = 'SUCCEEDED'")).isEqualTo(1);

    ModelRegistry registry = new PostgresModelRegistry(db.dataSource(), "s3://unused");
    ModelVersion champion = registry.getVersionByAlias(first.path("model").path("name").asText(), ModelRegistry.CHAMPION)
        .orElseThrow();
    assertThat(first.path("gate").path("passed").asBoolean()).isTrue();
    assertThat(first.path("gate").path("checks")).isNotEmpty();
    assertThat(first.path("model").path("version").asInt()).isEqualTo(champion.version());
    assertThat(first.path("champion_version").asInt()).isEqualTo(champion.version());
    assertThat(first.path("prediction").path("model_version").asInt()).isEqualTo(champion.version());
    assertThat(first.path("prediction").path("probability").asDouble()).isBetween(0.0, 1.0);

    // the live day: every answer in the prediction log, every one decided, the hit rate the log's outcomes give
    JsonNode accuracy = live.path("champion");
    String logged = "prediction_log where symbol is not null and model_version = " + champion.version();
    assertThat(live.path("trading_day").asText()).isEqualTo("2026-03-04");
    assertThat(live.path("predictions_asked").asLong()).isPositive();
    assertThat(live.path("bars_predicted").asLong()).isPositive().isLessThanOrEqualTo(live.path("predictions_asked")
        .asLong());
    assertThat(accuracy.path("model_version").asInt()).isEqualTo(champion.version());
    assertThat(accuracy.path("predictions").asLong()).as("the live day's and the one before it")
        .isEqualTo(live.path("predictions_asked").asLong() + 1).isEqualTo(db.count(logged));
    assertThat(accuracy.path("pending").asLong()).isZero();
    assertThat(accuracy.path("labelled").asLong()).isPositive()
        .isEqualTo(db.count(logged + " and outcome in ('HIT', 'MISS')"));
    assertThat(accuracy.path("hits").asLong()).isEqualTo(db.count(logged + " and outcome = 'HIT'"));
    assertThat(accuracy.path("unlabellable").asLong()).isEqualTo(db.count(logged + " and outcome = 'UNLABELLABLE'"));
    assertThat(accuracy.path("hit_rate").asDouble())
        .isEqualTo((double) accuracy.path("hits").asLong() / accuracy.path("labelled").asLong())
        .as("the queue imbalance the champion learnt predicts the live day too").isGreaterThan(0.6);

    // the live day's report: both files stored under the day's key and indexed with their size
    JsonNode report = first.path("report");
    assertThat(report.path("trading_day").asText()).isEqualTo("2026-03-04");
    assertThat(report.path("files")).extracting(file -> file.path("uri").asText().replaceFirst("^s3://[^/]+/", ""))
        .containsExactlyInAnyOrder("reports/2026/03/04/daily.html", "reports/2026/03/04/daily.pdf");
    assertThat(db.count("reports where report_date = '2026-03-04' and size_bytes > 0")).isEqualTo(2);
    assertThat(report.path("job").asText()).contains("daily reports written for 2026-03-04");

    long reports = db.count("reports"); // with the pipeline's own report of the latest day it trained on

    JsonNode second = runDemo(home.resolve("second.json"));
    assertThat(db.count("reports")).as("the days' reports replaced, not added").isEqualTo(reports);

    assertThat(db.count("quotes")).as("replaying the same market changes no quote")
        .isEqualTo(first.path("quotes_ingested").asLong() + live.path("quotes_ingested").asLong());
    assertThat(db.count("bars_1m")).isEqualTo(5L * 3 * 390);
    assertThat(db.count("prediction_log where outcome is null and symbol is not null")).isZero();
    assertThat(second.path("model").path("version").asInt()).isEqualTo(first.path("model").path("version").asInt() + 1);
    ModelVersion championAfter = registry.getVersionByAlias(second.path("model").path("name").asText(),
        ModelRegistry.CHAMPION).orElseThrow();
    assertThat(second.path("champion_version").asInt()).isEqualTo(championAfter.version());
    assertThat(second.path("prediction").path("model_version").asInt()).isEqualTo(championAfter.version());
    assertThat(second.path("gate").path("compared_with_champion_version").asInt()).isEqualTo(champion.version());
  }
}
