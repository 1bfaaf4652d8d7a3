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
 * and what it reports must agree with the tables, the registry and the scoring API's answer. A second run
 * against the same database must work too.
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

    assertThat(first.path("quotes_ingested").asLong()).isPositive().isEqualTo(db.count("quotes"));
    assertThat(first.path("quotes_rejected").asLong()).isPositive().isEqualTo(db.count("quote_rejects"));
    assertThat(first.path("quotes_read").asLong())
        .isEqualTo(first.path("quotes_ingested").asLong() + first.path("quotes_rejected").asLong());
    first.path("rejects_by_reason").fields().forEachRemaining(reason -> assertThat(
        db.count("quote_rejects where reason = '" + reason.getKey() + "'")).isEqualTo(reason.getValue().asLong()));
    assertThat(first.path("bars").asLong()).isEqualTo(db.count("bars_1m")).isEqualTo(5L * 2 * 390);
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

    JsonNode second = runDemo(home.resolve("second.json"));

    assertThat(db.count("quotes")).as("replaying the same market changes no quote").isEqualTo(first.path("quotes_ingested").asLong());
    assertThat(db.count("bars_1m")).isEqualTo(first.path("bars").asLong());
    assertThat(second.path("model").path("version").asInt()).isEqualTo(first.path("model").path("version").asInt() + 1);
    ModelVersion championAfter = registry.getVersionByAlias(second.path("model").path("name").asText(),
        ModelRegistry.CHAMPION).orElseThrow();
    assertThat(second.path("champion_version").asInt()).isEqualTo(championAfter.version());
    assertThat(second.path("prediction").path("model_version").asInt()).isEqualTo(championAfter.version());
    assertThat(second.path("gate").path("compared_with_champion_version").asInt()).isEqualTo(champion.version());
  }
}
