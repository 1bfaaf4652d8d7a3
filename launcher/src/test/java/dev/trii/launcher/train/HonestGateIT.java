package dev.trii.launcher.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.launcher.testing.TriiProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate refuses what has nothing to teach, end to end through the launcher ({@code trii ingest}, then {@code trii
 * train --gate}): real market data (two days of Bitstamp BTC-USD trades from the repository's real-data corpus) and
 * the simulator's negative control (a random walk with uninformative book sizes). Both exit 1 with the lift over the
 * naive baseline failing, and nothing becomes champion.
 */
class HonestGateIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REAL_DATA = Path.of("..", "ingestion-flink", "src", "test", "resources", "realdata");

  @TempDir Path home;

  private TestDatabase db;
  private ObjectStorageSettings storage;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    storage = TestObjectStore.freshBucket();
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void realMarketDataIsRefusedWithExitOne() throws Exception {
    TriiProcess.Result ingest = trii(Map.of(), "ingest", "--source", "file", "--path",
        REAL_DATA.resolve("crypto-btcusd-bitstamp-2013-11.csv").toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    // thin 2013 crypto trading fails completeness and outlier checks: judge the model itself, not the data
    Path gates = home.resolve("gates.yaml");
    Files.writeString(gates, "data_quality: {enabled: false}\n");

    JsonNode summary = trainGate(Map.of("TRII_GATES_FILE", gates.toString()));

    assertRefusedForNoLift(summary);
    assertThat(summary.path("data").path("rows").path("holdout").asLong()).isGreaterThan(100);
  }

  @Test
  void theSimulatorsNegativeControlIsRefusedWithExitOne() throws Exception {
    TriiProcess.Result ingest = trii(Map.of(), "ingest", "--source", "simulator", "--symbols", "AAA,BBB,CCC",
        "--start", "2024-03-04", "--days", "3", "--quotes-per-minute", "4", "--imbalance-effect", "0",
        "--fault-rate", "0");
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();

    JsonNode summary = trainGate(Map.of());

    assertRefusedForNoLift(summary);
    assertThat(summary.path("checks")).filteredOn(check -> check.path("name").asText().startsWith("data_quality"))
        .singleElement().satisfies(check -> assertThat(check.path("passed").asBoolean()).isTrue());
  }

  private void assertRefusedForNoLift(JsonNode summary) {
    assertThat(summary.path("exit_code").asInt()).as(summary.toPrettyString()).isEqualTo(1);
    assertThat(summary.path("result").asText()).isEqualTo("gate_failed");
    List<String> failed = StreamSupport.stream(summary.path("checks").spliterator(), false)
        .filter(check -> !check.path("passed").asBoolean()).map(check -> check.path("name").asText()).toList();
    assertThat(failed).contains("holdout_accuracy - majority baseline >= 0.02, lower bound > 0");
    assertThat(summary.path("checks")).allSatisfy(check -> {
      if (check.path("name").asText().startsWith("holdout_accuracy - majority")) {
        assertThat(check.path("confidence_bound").asDouble()).isLessThanOrEqualTo(0.0);
      }
    });
    ModelRegistry registry = new PostgresModelRegistry(db.dataSource(), "s3://" + storage.bucket() + "/mlruns");
    assertThat(registry.getVersionByAlias("honest-it", ModelRegistry.CHAMPION)).isEmpty();
  }

  private JsonNode trainGate(Map<String, String> settings) throws Exception {
    Path summary = home.resolve("gate.json");
    Map<String, String> env = new LinkedHashMap<>(settings);
    env.put("TRII_TRAINING_NTHREAD", "1");
    TriiProcess.Result result = trii(env, "train", "--gate", "--summary", summary.toString());
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    return JSON.readTree(summary.toFile());
  }

  private TriiProcess.Result trii(Map<String, String> settings, String... args) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(db.coordinates().asEnvironment());
    env.putAll(storage.asEnvironment());
    env.put("TRII_MODEL_NAME", "honest-it");
    env.putAll(settings);
    return TriiProcess.run(home.resolve("trii-home"), env, Duration.ofMinutes(5), args);
  }
}
