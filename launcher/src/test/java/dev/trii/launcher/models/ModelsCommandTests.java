package dev.trii.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.Run;
import dev.trii.core.registry.RunStatus;
import dev.trii.launcher.testing.TriiProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trii models list|show|promote|rollback} run as their own process against a registry holding a model with
 * three versions (v1 passed its gate, v2 failed, v3 passed: champion v3, previously v1). Subclasses supply the
 * registry adapter and the settings that make the command use the same one.
 */
abstract class ModelsCommandTests {

  static final GateCheck ACCURACY_OK = new GateCheck("holdout_accuracy > 0.7", 0.8123, 0.7, true, "0.8123 > 0.7");
  static final GateCheck ACCURACY_LOW = new GateCheck("holdout_accuracy > 0.7", 0.4987, 0.7, false,
      "0.4987 <= 0.7");
  static final GateCheck LATENCY_OK = new GateCheck("p95_latency_ms < 100.0", 0.0412, 100.0, true, "0.04 < 100");

  @TempDir Path home;
  String model;

  /** The registry the command must see (seeded by the test through the port). */
  abstract ModelRegistry registry();

  /** The settings that point {@code trii} at that registry. */
  abstract Map<String, String> settings();

  /** How the command names the registry, e.g. {@code MLflow registry at http://…}. */
  abstract String registryName();

  @BeforeEach
  void modelWithThreeVersions() {
    model = "models-it-" + UUID.randomUUID().toString().substring(0, 8);
    for (int v = 1; v <= 3; v++) {
      version(model, v);
    }
    registry().recordDecision(new PromotionDecision(model, 1, null, true, List.of(ACCURACY_OK, LATENCY_OK),
        "passed 2/2 checks; no champion yet", null));
    registry().recordDecision(new PromotionDecision(model, 2, 1, false, List.of(ACCURACY_LOW, LATENCY_OK),
        "failed 1 of 2 checks; champion v1 stays", null));
    registry().recordDecision(new PromotionDecision(model, 3, 1, true, List.of(ACCURACY_OK, LATENCY_OK),
        "passed 2/2 checks; v3 becomes champion", null));
  }

  private void version(String name, int v) {
    Run run = registry().startRun(name, "train v" + v);
    registry().logParams(run.runId(), Map.of("eta", "0.1", "max_depth", "4"));
    registry().logMetrics(run.runId(), Map.of("holdout_accuracy", 0.70 + v / 100.0, "holdout_roc_auc", 0.75,
        "holdout_log_loss", 0.5523, "p95_latency_ms", 0.0412));
    registry().setRunTags(run.runId(), Map.of("device", "cpu"));
    registry().endRun(run.runId(), RunStatus.FINISHED);
    registry().createModelVersion(name, run.artifactUri() + "/model", run.runId(), Map.of("feature_set", "v1"));
  }

  private TriiProcess.Result trii(String... args) throws Exception {
    return TriiProcess.run(home, settings(), args);
  }

  private int champion() {
    return registry().getVersionByAlias(model, ModelRegistry.CHAMPION).orElseThrow().version();
  }

  @Test
  void listShowsEachVersionWithAliasesCreatedTimeKeyMetricsAndVerdict() throws Exception {
    TriiProcess.Result result = trii("models", "list", model);

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout()).contains(registryName() + ": 1 model", model + "  (3 versions, champion v3)")
        .containsPattern("VERSION\\s+ALIASES\\s+CREATED\\s+HOLDOUT_ACCURACY\\s+HOLDOUT_ROC_AUC\\s+HOLDOUT_LOG_LOSS\\s+"
            + "P95_LATENCY_MS\\s+GATE")
        .containsPattern("v3\\s+champion\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\s+0\\.7300\\s+0\\.7500\\s+"
            + "0\\.5523\\s+0\\.0412\\s+passed")
        .containsPattern("v2\\s+-\\s+\\S+ \\S+ UTC\\s+0\\.7200\\s+.*failed")
        .containsPattern("v1\\s+-\\s+\\S+ \\S+ UTC\\s+0\\.7100\\s+.*passed");
    assertThat(result.stdout().indexOf("v3 ")).isLessThan(result.stdout().indexOf("v2 "));
  }

  @Test
  void showPrintsTheVersionItsRunAndEveryCheckOfItsDecision() throws Exception {
    TriiProcess.Result champion = trii("models", "show", model, "--alias", "champion");
    TriiProcess.Result failed = trii("models", "show", model, "2");

    assertThat(champion.exitCode()).as("%s", champion).isZero();
    String source = registry().getModelVersion(model, 3).orElseThrow().source();
    assertThat(champion.stdout()).contains(model + " v3  [champion]", source,
            registry().getModelVersion(model, 3).orElseThrow().runId() + "  FINISHED  experiment " + model,
            "feature_set=v1", "gate decisions", "PASSED and promoted", "passed 2/2 checks; v3 becomes champion")
        .containsPattern("source\\s+" + java.util.regex.Pattern.quote(source))
        .containsPattern("holdout_accuracy\\s+0\\.7300").containsPattern("eta\\s+0\\.1").containsPattern("device\\s+cpu")
        .containsPattern("v3\\s+was v1\\s+gate passed: passed 2/2 checks; v3 becomes champion")
        .containsPattern("v1\\s+\\(new\\)\\s+gate passed: passed 2/2 checks; no champion yet");
    assertThat(failed.exitCode()).as("%s", failed).isZero();
    assertThat(failed.stdout()).contains(model + " v2  (" + registryName(), "FAILED  champion then: v1",
            "failed 1 of 2 checks; champion v1 stays")
        .containsPattern("VERDICT\\s+CHECK\\s+VALUE\\s+THRESHOLD\\s+BOUND\\s+DETAIL")
        .containsPattern("FAIL\\s+holdout_accuracy > 0\\.7\\s+0\\.4987\\s+0\\.7000\\s+-\\s+0\\.4987 <= 0\\.7")
        .containsPattern("pass\\s+p95_latency_ms < 100\\.0\\s+0\\.0412\\s+100\\s+-\\s+0\\.04 < 100");
  }

  @Test
  void promoteMovesTheChampionAndRecordsTheReason() throws Exception {
    TriiProcess.Result result = trii("models", "promote", model, "2", "--reason", "v3 misbehaves in production");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.stdout()).contains(model + ": champion v3 -> v2");
    assertThat(champion()).isEqualTo(2);
    AliasChange change = registry().aliasChanges(model, ModelRegistry.CHAMPION).get(0);
    assertThat(change).extracting(AliasChange::version, AliasChange::previousVersion, AliasChange::reason)
        .containsExactly(2, 3, "v3 misbehaves in production");
  }

  @Test
  void promoteRefusesAMissingVersionWithOneLineAndChangesNothing() throws Exception {
    int changesBefore = registry().aliasChanges(model, ModelRegistry.CHAMPION).size();

    TriiProcess.Result missingVersion = trii("models", "promote", model, "9");
    TriiProcess.Result missingModel = trii("models", "promote", model + "-none", "1");

    assertThat(missingVersion.exitCode()).as("%s", missingVersion).isEqualTo(2);
    assertThat(missingVersion.stderr()).as("%s", missingVersion).containsExactly("trii: model " + model
        + " has no version 9 in the " + registryName() + " (versions: 1-3); the champion is unchanged");
    assertThat(missingModel.exitCode()).as("%s", missingModel).isEqualTo(2);
    assertThat(missingModel.stderr()).singleElement().asString()
        .startsWith("trii: no model named '" + model + "-none' in the " + registryName() + " (models: ")
        .contains(model);
    assertThat(champion()).isEqualTo(3);
    assertThat(registry().aliasChanges(model, ModelRegistry.CHAMPION)).hasSize(changesBefore);
  }

  @Test
  void rollbackReturnsTheChampionToThePreviousOneAndSaysWhenThereIsNone() throws Exception {
    TriiProcess.Result rollback = trii("models", "rollback", model);
    String single = model + "-single";
    version(single, 1);
    registry().setAlias(single, ModelRegistry.CHAMPION, 1, "first");
    TriiProcess.Result nothingEarlier = trii("models", "rollback", single);

    assertThat(rollback.exitCode()).as("%s", rollback).isZero();
    assertThat(rollback.stdout()).contains(model + ": champion v3 -> v1 (rollback)");
    assertThat(champion()).isEqualTo(1);
    assertThat(registry().aliasChanges(model, ModelRegistry.CHAMPION))
        .extracting(AliasChange::version, AliasChange::previousVersion, AliasChange::reason)
        .first().isEqualTo(tuple(1, 3, "rollback from v3"));
    assertThat(nothingEarlier.exitCode()).as("%s", nothingEarlier).isEqualTo(2);
    assertThat(nothingEarlier.stderr()).containsExactly("trii: model " + single + " has no earlier champion to roll "
        + "back to: v1 is the only version the champion alias has pointed at");
    assertThat(registry().getVersionByAlias(single, ModelRegistry.CHAMPION).orElseThrow().version()).isEqualTo(1);
  }
}
