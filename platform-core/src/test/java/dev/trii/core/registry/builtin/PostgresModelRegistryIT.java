package dev.trii.core.registry.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.Run;
import dev.trii.core.registry.RunDetails;
import dev.trii.core.registry.RunStatus;
import dev.trii.core.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresModelRegistryIT {

  private TestDatabase db;
  private ModelRegistry registry;

  @BeforeEach
  void freshRegistry() {
    db = TestDatabase.create();
    registry = new PostgresModelRegistry(db.dataSource(), "s3://bucket/mlruns/");
  }

  @AfterEach
  void drop() {
    db.close();
  }

  private ModelVersion trainedVersion() {
    Run run = registry.startRun("direction", "run");
    return registry.createModelVersion("direction", run.artifactUri() + "/model", run.runId(), Map.of("device", "cpu"));
  }

  @Test
  void runKeepsWhatWasLoggedAndItsArtifactLocation() {
    Run run = registry.startRun("direction", "nightly");
    registry.logParams(run.runId(), Map.of("eta", "0.1", "max_depth", "4"));
    registry.logMetrics(run.runId(), Map.of("test_accuracy", 0.81));
    registry.logMetrics(run.runId(), Map.of("test_accuracy", 0.83));
    registry.setRunTags(run.runId(), Map.of("device", "cpu"));
    registry.endRun(run.runId(), RunStatus.FINISHED);

    RunDetails details = registry.getRun(run.runId());

    assertThat(run.artifactUri()).matches("s3://bucket/mlruns/\\d+/" + run.runId() + "/artifacts");
    assertThat(details.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(details.params()).containsEntry("eta", "0.1").containsEntry("max_depth", "4");
    assertThat(details.metrics()).containsEntry("test_accuracy", 0.83);
    assertThat(details.tags()).containsEntry("device", "cpu");
  }

  @Test
  void versionsAreNumberedPerModelNewestFirst() {
    ModelVersion first = trainedVersion();
    ModelVersion second = trainedVersion();

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.tags()).containsEntry("device", "cpu");
    assertThat(registry.listModelVersions("direction")).extracting(ModelVersion::version).containsExactly(2, 1);
    assertThat(registry.listModels()).containsExactly("direction");
  }

  @Test
  void passedDecisionPromotesAndFailedDecisionLeavesChampion() {
    ModelVersion v1 = trainedVersion();
    ModelVersion v2 = trainedVersion();
    GateCheck ok = new GateCheck("validation_accuracy > 0.70", 0.8, 0.7, true, "0.80 > 0.70");
    GateCheck bad = new GateCheck("validation_accuracy > 0.70", 0.5, 0.7, false, "0.50 <= 0.70");

    registry.recordDecision(new PromotionDecision("direction", v1.version(), null, true, List.of(ok), "passed", null));
    registry.recordDecision(new PromotionDecision("direction", v2.version(), 1, false, List.of(bad), "failed", null));

    assertThat(registry.getVersionByAlias("direction", ModelRegistry.CHAMPION)).get()
        .extracting(ModelVersion::version).isEqualTo(1);
    List<PromotionDecision> decisions = registry.listDecisions("direction");
    assertThat(decisions).extracting(PromotionDecision::candidateVersion).containsExactly(2, 1);
    assertThat(decisions.get(0).passed()).isFalse();
    assertThat(decisions.get(0).championVersion()).isEqualTo(1);
    assertThat(decisions.get(0).checks()).containsExactly(bad);
    assertThat(decisions.get(0).decidedAt()).isNotNull();
  }

  @Test
  void aliasMovesAtomicallyAndKeepsItsHistory() {
    trainedVersion();
    trainedVersion();
    registry.setAlias("direction", ModelRegistry.CHAMPION, 1, "first");
    registry.setAlias("direction", ModelRegistry.CHAMPION, 2, "better");

    assertThat(registry.getVersionByAlias("direction", ModelRegistry.CHAMPION)).get()
        .satisfies(v -> {
          assertThat(v.version()).isEqualTo(2);
          assertThat(v.aliases()).containsExactly(ModelRegistry.CHAMPION);
        });
    assertThat(registry.aliasHistory("direction", ModelRegistry.CHAMPION)).containsExactly(1);
  }

  @Test
  void aliasToMissingVersionIsRefusedAndChangesNothing() {
    trainedVersion();
    registry.setAlias("direction", ModelRegistry.CHAMPION, 1, "first");

    assertThatThrownBy(() -> registry.setAlias("direction", ModelRegistry.CHAMPION, 7, "typo"))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(registry.getVersionByAlias("direction", ModelRegistry.CHAMPION)).get()
        .extracting(ModelVersion::version).isEqualTo(1);
  }

  @Test
  void unknownAliasIsEmpty() {
    assertThat(registry.getVersionByAlias("direction", ModelRegistry.CHAMPION)).isEmpty();
  }
}
