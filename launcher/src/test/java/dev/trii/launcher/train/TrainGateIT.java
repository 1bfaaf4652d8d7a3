package dev.trii.launcher.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.launcher.testing.TriiProcess;
import dev.trii.training.testing.SyntheticBars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trii train} as CI runs it: its own JVM against a fresh database and bucket. A market with the queue-imbalance
 * effect passes the gate and becomes champion (exit 0); the same command without {@code --gate} judges but never
 * promotes (exit 0); a market turned random walk with uninformative sizes fails the gate and leaves the champion in
 * place (exit 1); broken configuration is exit 2 with one line. The summary JSON and Markdown are checked against the
 * registry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainGateIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = "gate-it";
  private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");

  private static TestDatabase db;
  private static ObjectStorageSettings storage;
  private static ModelRegistry registry;

  @TempDir static Path home;

  /** What one run of the command left behind. */
  private record Run(int exitCode, String stdout, List<String> stderr, JsonNode summary, String markdown) {}

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    storage = TestObjectStore.freshBucket();
    registry = new PostgresModelRegistry(db.dataSource(), "s3://" + storage.bucket() + "/mlruns");
    BarsTable.upsert(db.dataSource(), SyntheticBars.market(3, SYMBOLS.toArray(String[]::new)).bars());
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Order(1)
  void aMarketWithTheQueueImbalanceEffectPassesTheGateAndBecomesChampion() throws Exception {
    Run run = train(Map.of(), "--gate", "--summary", home.resolve("first/gate.json").toString());

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    JsonNode s = run.summary();
    assertThat(s.path("command").asText()).isEqualTo("trii train --gate");
    assertThat(s.path("result").asText()).isEqualTo("passed");
    assertThat(s.path("exit_code").asInt()).isZero();
    assertThat(s.path("error").isNull()).isTrue();
    assertThat(s.path("model").path("name").asText()).isEqualTo(MODEL);
    assertThat(s.path("model").path("version").asInt()).isEqualTo(1);
    assertThat(s.path("device").path("name").asText()).isEqualTo("cpu");
    assertThat(s.path("metrics").path("holdout_accuracy").asDouble()).isGreaterThan(0.7);
    assertThat(s.path("metrics").has("holdout_roc_auc")).isTrue();
    assertThat(s.path("metrics").has("holdout_baseline_accuracy")).isTrue();
    assertThat(s.path("decision").path("passed").asBoolean()).isTrue();
    assertThat(s.path("decision").path("promoted").asBoolean()).isTrue();
    assertThat(s.path("decision").path("action").asText()).isEqualTo("promoted");
    assertThat(names(s.path("checks"))).containsExactly(
        "data_quality excluded_sessions_share <= 0.25 and every session checked", "train_accuracy > 0.75",
        "holdout_accuracy > 0.7", "p95_latency_ms < 100.0",
        "holdout_accuracy - majority baseline >= 0.02, lower bound > 0",
        "holdout_log_loss < class prior's log loss, lower bound of the gap > 0",
        "holdout_roc_auc > 0.5200, lower bound > 0.5");
    assertThat(s.path("checks")).allSatisfy(check -> {
      assertThat(check.path("verdict").asText()).isEqualTo("PASS");
      assertThat(check.path("detail").asText()).isNotBlank();
      assertThat(check.has("value") && check.has("threshold")).isTrue();
    });
    assertThat(s.path("champion").path("before").isNull()).isTrue();
    assertThat(s.path("champion").path("after").asInt()).isEqualTo(1);
    assertThat(s.path("data").path("rows").path("train").asLong()).isPositive();
    assertThat(s.path("data").path("rows").path("holdout").asLong()).isPositive();
    assertThat(check(s, "holdout_roc_auc > 0.5200, lower bound > 0.5").orElseThrow().path("confidence_bound")
        .asDouble()).isBetween(0.5, s.path("metrics").path("holdout_roc_auc").asDouble());
    assertThat(s.path("quality").path("sessions_checked").asLong()).isEqualTo(9);
    assertThat(s.path("quality").path("failed").asLong()).isZero();
    assertThat(names(s.path("jobs"))).containsExactly("qualityJob", "featuresJob", "trainJob");
    assertThat(champion()).contains(1);
    assertThat(registry.listDecisions(MODEL)).singleElement()
        .satisfies(d -> assertThat(d.checks()).hasSize(s.path("checks").size()));
    assertThat(run.markdown()).startsWith(GateSummaryMarkdown.MARKER)
        .contains("## ✅ Training gate passed: gate-it v1 is the new champion", "| holdout_accuracy > 0.7 | ✅ PASS |",
            "| check | verdict | value | threshold | confidence bound | detail |",
            "**Champion:** none → v1");
    assertThat(run.stdout()).contains("gate       PASSED", "result     exit 0: gate passed, promoted");
  }

  @Test
  @Order(2)
  void theChampionRetrainedFromItsRecordedInputsHasIdenticalBytes() throws Exception {
    Map<String, String> env = new LinkedHashMap<>(db.coordinates().asEnvironment());
    env.putAll(storage.asEnvironment());

    TriiProcess.Result result = TriiProcess.run(home.resolve("trii-home"), env, Duration.ofMinutes(5), "models",
        "reproduce", MODEL, "1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String recorded = registry.getModelVersion(MODEL, 1).orElseThrow().tags().get("model_sha256");
    assertThat(result.stdout()).contains(MODEL + " v1 retrained from its recorded inputs", "same fingerprint",
        "recorded sha256 " + recorded, "retrained sha256 " + recorded, "IDENTICAL model bytes");
  }

  @Test
  @Order(3)
  void withoutTheGateFlagACandidateIsJudgedButNeverPromoted() throws Exception {
    Run run = train(Map.of(), "--summary", home.resolve("plain.json").toString());

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    JsonNode s = run.summary();
    assertThat(s.path("result").asText()).isEqualTo("trained");
    assertThat(s.path("gate_applied").asBoolean()).isFalse();
    assertThat(s.path("model").path("version").asInt()).isEqualTo(2);
    assertThat(s.path("decision").path("promoted").asBoolean()).isFalse();
    assertThat(s.path("decision").path("action").asText()).isEqualTo("not_promoted_without_gate");
    assertThat(s.path("champion").path("after").asInt()).isEqualTo(1);
    assertThat(champion()).contains(1);
    assertThat(registry.listModelVersions(MODEL)).hasSize(2);
    assertThat(registry.listDecisions(MODEL)).hasSize(1);
  }

  @Test
  @Order(4)
  void aMarketWithNoSignalFailsTheGateAndLeavesTheChampion() throws Exception {
    // the market turns into a pure random walk with uninformative sizes: nothing to learn
    db.jdbc().update("delete from bars_1m");
    db.jdbc().update("delete from feature_rows");
    BarsTable.upsert(db.dataSource(),
        SyntheticBars.randomWalk(3, SYMBOLS.toArray(String[]::new)).startingOn(LocalDate.of(2024, 4, 1)).bars());

    Run run = train(Map.of(), "--gate", "--summary", home.resolve("random-walk.json").toString());

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
    JsonNode s = run.summary();
    assertThat(s.path("result").asText()).isEqualTo("gate_failed");
    assertThat(s.path("exit_code").asInt()).isEqualTo(1);
    assertThat(s.path("model").path("version").asInt()).isEqualTo(3);
    assertThat(s.path("data").path("from").asText()).startsWith("2024-04-01");
    assertThat(s.path("metrics").path("holdout_accuracy").asDouble()).isBetween(0.4, 0.6);
    assertThat(s.path("decision").path("passed").asBoolean()).isFalse();
    assertThat(s.path("decision").path("promoted").asBoolean()).isFalse();
    assertThat(s.path("decision").path("action").asText()).isEqualTo("kept_champion");
    assertThat(s.path("decision").path("compared_with_champion_version").asInt()).isEqualTo(1);
    assertThat(s.path("decision").path("summary").asText()).contains("champion v1 stays");
    JsonNode holdout = check(s, "holdout_accuracy > 0.7").orElseThrow();
    assertThat(holdout.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(holdout.path("value").asDouble()).isEqualTo(s.path("metrics").path("holdout_accuracy").asDouble());
    assertThat(check(s, "holdout accuracy vs champion v1: gain lower bound > 0.0")).isPresent();
    assertThat(s.path("champion").path("before").asInt()).isEqualTo(1);
    assertThat(s.path("champion").path("after").asInt()).isEqualTo(1);
    assertThat(s.path("champion").path("changed").asBoolean()).isFalse();
    assertThat(champion()).contains(1);
    assertThat(registry.listDecisions(MODEL).get(0).passed()).isFalse();
    assertThat(run.markdown()).contains("## ❌ Training gate failed: gate-it v3 not promoted, champion v1 stays",
        "| holdout_accuracy > 0.7 | ❌ FAIL |");
    assertThat(run.stdout()).contains("result     exit 1: gate failed, champion unchanged");
  }

  @Test
  @Order(5)
  void anUnreachableDatabaseIsAnErrorInOneLine() throws Exception {
    Run run = train(Map.of("TRII_DB_URL", "jdbc:postgresql://127.0.0.1:1/trii"), "--gate", "--summary",
        home.resolve("no-db.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).singleElement().asString()
        .startsWith("trii: cannot reach the database at jdbc:postgresql://127.0.0.1:1/trii (TRII_DB_URL)");
    assertThat(run.summary().path("result").asText()).isEqualTo("error");
    assertThat(run.summary().path("exit_code").asInt()).isEqualTo(2);
    assertThat(run.summary().path("error").asText()).startsWith("cannot reach the database");
    assertThat(run.markdown()).contains("## ⚠️ Training gate error: nothing promoted");
    assertThat(champion()).contains(1);
  }

  @Test
  @Order(6)
  void aGatesFileThatDoesNotExistIsAnErrorInOneLine() throws Exception {
    Run run = train(Map.of("TRII_GATES_FILE", "/no/such/gates.yaml"), "--gate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).singleElement().asString()
        .isEqualTo("trii: gates file /no/such/gates.yaml (TRII_GATES_FILE) does not exist");
    assertThat(registry.listModelVersions(MODEL)).hasSize(3);
    assertThat(champion()).contains(1);
  }

  private static Optional<Integer> champion() {
    return registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION).map(ModelVersion::version);
  }

  private static List<String> names(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(node -> node.path("name").asText()).toList();
  }

  private static Optional<JsonNode> check(JsonNode summary, String name) {
    return StreamSupport.stream(summary.path("checks").spliterator(), false)
        .filter(check -> check.path("name").asText().equals(name)).findFirst();
  }

  /** Runs {@code trii train <args>} in its own JVM, as {@code ./trii} does, against the test database and bucket. */
  private static Run train(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    Map<String, String> env = new LinkedHashMap<>(db.coordinates().asEnvironment());
    env.putAll(storage.asEnvironment());
    env.put("TRII_MODEL_NAME", MODEL);
    env.put("TRII_TRAINING_NTHREAD", "1"); // OpenMP threads crawl on a busy 2-core machine
    env.putAll(environment);
    List<String> command = new ArrayList<>(List.of("train"));
    command.addAll(List.of(args));
    TriiProcess.Result result = TriiProcess.run(home.resolve("trii-home"), env, Duration.ofMinutes(5),
        command.toArray(String[]::new));
    int summaryIndex = List.of(args).indexOf("--summary");
    JsonNode summary = null;
    String markdown = null;
    if (summaryIndex >= 0) {
      Path file = Path.of(args[summaryIndex + 1]);
      summary = JSON.readTree(file.toFile());
      markdown = Files.readString(GateSummaryMarkdown.pathNextTo(file));
    }
    return new Run(result.exitCode(), result.stdout(), result.stderr(), summary, markdown);
  }
}
