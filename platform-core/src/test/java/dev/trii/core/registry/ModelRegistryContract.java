package dev.trii.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelRegistry} adapter must do, run against each of them by a subclass (built-in PostgreSQL,
 * MLflow through an HTTP double, MLflow in its official container). Each test works on its own model and
 * experiment names, so one registry can serve the whole class.
 */
public abstract class ModelRegistryContract {

  private static final GateCheck ACCURACY_OK =
      new GateCheck("holdout_accuracy > 0.7", 0.8123456789, 0.7, true, "0.8123 > 0.70", 0.7911);
  private static final GateCheck ACCURACY_LOW =
      new GateCheck("holdout_accuracy > 0.7", 0.5012345678, 0.7, false, "0.5012 <= 0.70");
  private static final GateCheck LATENCY_OK =
      new GateCheck("p95_latency_ms < 100.0", 0.0421, 100.0, true, "0.04 ms < 100 ms");
  private static final GateCheck LOG_LOSS_WORSE =
      new GateCheck("holdout log_loss vs champion v1: gain lower bound > -0.01", -0.0351, -0.01, false,
          "reduction -0.0351, 95% lower bound -0.0502", -0.0502);

  /** The registry under test; the same instance for every test of the class is fine. */
  protected abstract ModelRegistry registry();

  /** Where this registry puts run artifacts: run URIs are {@code <root>/<experiment id>/<run id>/artifacts}. */
  protected abstract String artifactRoot();

  protected String model;
  private String experiment;

  @BeforeEach
  void uniqueNames() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    model = "direction-" + suffix;
    experiment = "experiment-" + suffix;
  }

  /** A run with a registered version of {@link #model}, as the training pipeline leaves them. */
  protected ModelVersion trainedVersion(String modelName) {
    Run run = registry().startRun(experiment, "train");
    registry().endRun(run.runId(), RunStatus.FINISHED);
    return registry().createModelVersion(modelName, run.artifactUri() + "/model", run.runId(), Map.of("device", "cpu"));
  }

  private int champion() {
    return registry().getVersionByAlias(model, ModelRegistry.CHAMPION).orElseThrow().version();
  }

  @Test
  void runKeepsWhatWasLoggedAndItsArtifactLocation() {
    Run run = registry().startRun(experiment, "nightly");
    registry().logParams(run.runId(), Map.of("eta", "0.1", "max_depth", "4"));
    registry().logMetrics(run.runId(), Map.of("test_accuracy", 0.81, "test_log_loss", 0.6012345678901));
    registry().logMetrics(run.runId(), Map.of("test_accuracy", 0.79));
    registry().setRunTags(run.runId(), Map.of("device", "cpu", "code_version", "0.1.0"));
    registry().setRunTags(run.runId(), Map.of("device", "cuda"));
    registry().endRun(run.runId(), RunStatus.FINISHED);

    RunDetails details = registry().getRun(run.runId());

    assertThat(run.experimentName()).isEqualTo(experiment);
    assertThat(run.artifactUri()).matches(Pattern.quote(artifactRoot()) + "/\\d+/" + run.runId() + "/artifacts");
    assertThat(details.run()).isEqualTo(run);
    assertThat(details.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(details.params()).containsEntry("eta", "0.1").containsEntry("max_depth", "4").hasSize(2);
    assertThat(details.metrics()).as("a metric logged again reads back with its latest value")
        .containsEntry("test_accuracy", 0.79).containsEntry("test_log_loss", 0.6012345678901).hasSize(2);
    assertThat(details.tags()).containsEntry("device", "cuda").containsEntry("code_version", "0.1.0");
  }

  @Test
  void failedRunIsRecordedAsFailedInItsExperiment() {
    Run first = registry().startRun(experiment, "first");
    Run second = registry().startRun(experiment, "second");
    registry().endRun(second.runId(), RunStatus.FAILED);

    assertThat(registry().getRun(second.runId()).status()).isEqualTo(RunStatus.FAILED);
    assertThat(registry().getRun(first.runId()).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(second.runId()).isNotEqualTo(first.runId());
    assertThat(first.artifactUri().replace("/" + first.runId() + "/artifacts", ""))
        .as("runs of one experiment share its folder")
        .isEqualTo(second.artifactUri().replace("/" + second.runId() + "/artifacts", ""));
  }

  @Test
  void unknownRunIsRefused() {
    assertThatThrownBy(() -> registry().getRun("0123456789abcdef0123456789abcdef"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void versionsAreNumberedPerModelNewestFirst() {
    String other = model + "-other";
    ModelVersion first = trainedVersion(model);
    ModelVersion otherFirst = trainedVersion(other);
    ModelVersion second = trainedVersion(model);

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(otherFirst.version()).as("numbering is per model").isEqualTo(1);
    assertThat(second.tags()).containsExactlyEntriesOf(Map.of("device", "cpu"));
    assertThat(second.aliases()).isEmpty();
    assertThat(second.createdAt()).isNotNull();
    assertThat(second.source()).isEqualTo(registry().getRun(second.runId()).run().artifactUri() + "/model");
    assertThat(registry().listModelVersions(model)).extracting(ModelVersion::version).containsExactly(2, 1);
    assertThat(registry().listModelVersions(model).get(1)).isEqualTo(first);
    assertThat(registry().getModelVersion(model, 2)).contains(second);
    assertThat(registry().listModels()).filteredOn(name -> name.startsWith(model)).containsExactly(model, other);
  }

  @Test
  void unknownModelOrVersionIsEmpty() {
    trainedVersion(model);

    assertThat(registry().getModelVersion(model, 2)).isEmpty();
    assertThat(registry().getModelVersion(model + "-none", 1)).isEmpty();
    assertThat(registry().listModelVersions(model + "-none")).isEmpty();
    assertThat(registry().listDecisions(model + "-none")).isEmpty();
    assertThat(registry().aliasHistory(model + "-none", ModelRegistry.CHAMPION)).isEmpty();
  }

  @Test
  void unknownAliasIsEmpty() {
    trainedVersion(model);

    assertThat(registry().getVersionByAlias(model, ModelRegistry.CHAMPION)).isEmpty();
    assertThat(registry().getVersionByAlias(model + "-none", ModelRegistry.CHAMPION)).isEmpty();
  }

  @Test
  void aliasMovesAtomicallyAndKeepsItsHistory() {
    trainedVersion(model);
    trainedVersion(model);

    registry().setAlias(model, ModelRegistry.CHAMPION, 1, "first");
    registry().setAlias(model, ModelRegistry.CHAMPION, 2, "better");

    ModelVersion champion = registry().getVersionByAlias(model, ModelRegistry.CHAMPION).orElseThrow();
    assertThat(champion.version()).isEqualTo(2);
    assertThat(champion.aliases()).containsExactly(ModelRegistry.CHAMPION);
    assertThat(registry().listModelVersions(model)).extracting(ModelVersion::aliases)
        .containsExactly(List.of(ModelRegistry.CHAMPION), List.of());
    assertThat(registry().getModelVersion(model, 1).orElseThrow().aliases()).isEmpty();
    assertThat(registry().aliasHistory(model, ModelRegistry.CHAMPION)).containsExactly(1);
    List<AliasChange> changes = registry().aliasChanges(model, ModelRegistry.CHAMPION);
    assertThat(changes).extracting(AliasChange::version, AliasChange::previousVersion, AliasChange::reason)
        .containsExactly(tuple(2, 1, "better"),
            tuple(1, null, "first"));
    assertThat(changes.get(0).changedAt()).isAfterOrEqualTo(changes.get(1).changedAt());
    assertThat(changes).allSatisfy(change -> {
      assertThat(change.modelName()).isEqualTo(model);
      assertThat(change.alias()).isEqualTo(ModelRegistry.CHAMPION);
    });
  }

  @Test
  void aliasToMissingVersionIsRefusedAndChangesNothing() {
    trainedVersion(model);
    registry().setAlias(model, ModelRegistry.CHAMPION, 1, "first");

    assertThatThrownBy(() -> registry().setAlias(model, ModelRegistry.CHAMPION, 7, "typo"))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> registry().setAlias(model + "-none", ModelRegistry.CHAMPION, 1, "typo"))
        .isInstanceOf(NoSuchElementException.class);

    assertThat(champion()).isEqualTo(1);
    assertThat(registry().aliasChanges(model, ModelRegistry.CHAMPION)).hasSize(1);
    assertThat(registry().aliasHistory(model, ModelRegistry.CHAMPION)).isEmpty();
  }

  @Test
  void decisionsAreRecordedWhetherTheyPassOrFailWithEveryCheck() {
    trainedVersion(model);
    trainedVersion(model);
    registry().recordDecision(new PromotionDecision(model, 1, null, true, List.of(ACCURACY_OK, LATENCY_OK),
        "no champion yet: only absolute thresholds applied", null));

    registry().recordDecision(new PromotionDecision(model, 2, 1, false,
        List.of(ACCURACY_LOW, LATENCY_OK, LOG_LOSS_WORSE), "2 of 3 checks failed: champion v1 stays", null));

    List<PromotionDecision> decisions = registry().listDecisions(model);
    assertThat(decisions).extracting(PromotionDecision::candidateVersion).containsExactly(2, 1);
    PromotionDecision failed = decisions.get(0);
    assertThat(failed.passed()).isFalse();
    assertThat(failed.promoted()).isFalse();
    assertThat(failed.outcome()).isEqualTo(PromotionDecision.Outcome.KEPT);
    assertThat(failed.championVersion()).isEqualTo(1);
    assertThat(failed.checks()).as("every check with its value, threshold, verdict and detail")
        .containsExactly(ACCURACY_LOW, LATENCY_OK, LOG_LOSS_WORSE);
    assertThat(failed.summary()).isEqualTo("2 of 3 checks failed: champion v1 stays");
    assertThat(failed.decidedAt()).isNotNull().isAfterOrEqualTo(decisions.get(1).decidedAt());
    PromotionDecision passed = decisions.get(1);
    assertThat(passed.passed()).isTrue();
    assertThat(passed.outcome()).isEqualTo(PromotionDecision.Outcome.PROMOTED);
    assertThat(passed.championVersion()).isNull();
    assertThat(passed.checks()).containsExactly(ACCURACY_OK, LATENCY_OK);
    assertThat(registry().getModelVersion(model, 2).orElseThrow().tags())
        .as("decisions do not show up as version tags").containsExactlyEntriesOf(Map.of("device", "cpu"));
  }

  @Test
  void passedDecisionPromotesAndFailedDecisionLeavesChampion() {
    trainedVersion(model);
    trainedVersion(model);
    trainedVersion(model);

    registry().recordDecision(new PromotionDecision(model, 1, null, true, List.of(ACCURACY_OK), "passed", null));
    assertThat(champion()).isEqualTo(1);
    registry().recordDecision(new PromotionDecision(model, 2, 1, false, List.of(ACCURACY_LOW), "failed", null));
    assertThat(champion()).as("a failed decision leaves the champion").isEqualTo(1);
    registry().recordDecision(new PromotionDecision(model, 3, 1, true, List.of(ACCURACY_OK), "better", null));

    assertThat(champion()).isEqualTo(3);
    assertThat(registry().aliasHistory(model, ModelRegistry.CHAMPION)).containsExactly(1);
    assertThat(registry().aliasChanges(model, ModelRegistry.CHAMPION)).extracting(AliasChange::reason)
        .containsExactly("gate passed: better", "gate passed: passed");
    assertThat(registry().listDecisions(model))
        .extracting(PromotionDecision::candidateVersion, PromotionDecision::passed)
        .containsExactly(tuple(3, true), tuple(2, false),
            tuple(1, true));
  }

  @Test
  void aPassingCandidateComparedWithAChampionThatMovedSinceIsSupersededAndMovesNothing() {
    trainedVersion(model);
    trainedVersion(model);
    trainedVersion(model);
    registry().recordDecision(new PromotionDecision(model, 1, null, true, List.of(ACCURACY_OK), "first", null));
    PromotionDecision second = registry().recordDecision(
        new PromotionDecision(model, 2, 1, true, List.of(ACCURACY_OK), "beats v1", null));

    // v3 was compared with v1 too, but v2 became champion in the meantime
    PromotionDecision third = registry().recordDecision(
        new PromotionDecision(model, 3, 1, true, List.of(ACCURACY_OK), "beats v1 as well", null));

    assertThat(second.outcome()).isEqualTo(PromotionDecision.Outcome.PROMOTED);
    assertThat(third.outcome()).isEqualTo(PromotionDecision.Outcome.SUPERSEDED);
    assertThat(third.promoted()).isFalse();
    assertThat(third.summary()).startsWith("beats v1 as well; superseded: the champion moved from v1 to v2");
    assertThat(champion()).isEqualTo(2);
    assertThat(registry().listDecisions(model).get(0)).satisfies(recorded -> {
      assertThat(recorded.candidateVersion()).isEqualTo(3);
      assertThat(recorded.passed()).isTrue();
      assertThat(recorded.outcome()).isEqualTo(PromotionDecision.Outcome.SUPERSEDED);
      assertThat(recorded.summary()).isEqualTo(third.summary());
    });
    assertThat(registry().aliasChanges(model, ModelRegistry.CHAMPION)).hasSize(2);
  }

  @Test
  void twoCandidatesRecordedAtOnceAgainstNoChampionPromoteExactlyOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      String raced = model + "-race-" + round;
      trainedVersion(raced);
      trainedVersion(raced);
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<PromotionDecision>> recorded = new ArrayList<>();
        for (int version = 1; version <= 2; version++) {
          PromotionDecision decision = new PromotionDecision(raced, version, null, true, List.of(ACCURACY_OK),
              "passed", null);
          recorded.add(threads.submit(() -> {
            start.await();
            return registry().recordDecision(decision);
          }));
        }
        List<PromotionDecision.Outcome> outcomes = new ArrayList<>();
        for (Future<PromotionDecision> future : recorded) {
          outcomes.add(future.get(60, TimeUnit.SECONDS).outcome());
        }
        assertThat(outcomes).containsExactlyInAnyOrder(PromotionDecision.Outcome.PROMOTED,
            PromotionDecision.Outcome.SUPERSEDED);
        int winner = outcomes.get(0) == PromotionDecision.Outcome.PROMOTED ? 1 : 2;
        assertThat(registry().getVersionByAlias(raced, ModelRegistry.CHAMPION).orElseThrow().version())
            .isEqualTo(winner);
        assertThat(registry().aliasChanges(raced, ModelRegistry.CHAMPION)).hasSize(1);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void decisionOnMissingVersionIsRefusedAndRecordsNothing() {
    trainedVersion(model);

    assertThatThrownBy(() -> registry().recordDecision(
        new PromotionDecision(model, 5, null, true, List.of(ACCURACY_OK), "passed", null)))
        .isInstanceOf(NoSuchElementException.class);

    assertThat(registry().listDecisions(model)).isEmpty();
    assertThat(registry().getVersionByAlias(model, ModelRegistry.CHAMPION)).isEmpty();
  }

  @Test
  void rollbackTargetIsThePreviousChampionFromHistory() {
    for (int v = 1; v <= 3; v++) {
      trainedVersion(model);
      registry().setAlias(model, ModelRegistry.CHAMPION, v, "promote v" + v);
    }
    List<Integer> history = registry().aliasHistory(model, ModelRegistry.CHAMPION);
    assertThat(history).containsExactly(2, 1);

    registry().setAlias(model, ModelRegistry.CHAMPION, history.get(0), "rollback from v3");

    assertThat(champion()).isEqualTo(2);
    assertThat(registry().aliasHistory(model, ModelRegistry.CHAMPION)).containsExactly(3, 2, 1);
    assertThat(registry().aliasChanges(model, ModelRegistry.CHAMPION).get(0))
        .extracting(AliasChange::version, AliasChange::previousVersion, AliasChange::reason)
        .containsExactly(2, 3, "rollback from v3");
  }
}
