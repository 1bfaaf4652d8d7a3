package dev.trii.batch.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.batch.JobNames;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.RunStatus;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.training.testing.SyntheticBars;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;

/** trainJob after featuresJob, against real PostgreSQL and the local S3Proxy. */
class TrainJobFunctionalIT {

  private static BatchTestContext batch;
  private static TestDatabase db;
  private static ModelRegistry registry;
  private static JobOperatorTestUtils quality;
  private static JobOperatorTestUtils features;
  private static JobOperatorTestUtils train;

  @BeforeAll
  static void start() {
    batch = BatchTestContext.start();
    db = batch.database();
    registry = batch.context().getBean(ModelRegistry.class);
    quality = batch.jobUtils(JobNames.QUALITY);
    features = batch.jobUtils(JobNames.FEATURES);
    train = batch.jobUtils(JobNames.TRAIN);
  }

  @AfterAll
  static void stop() {
    if (batch != null) {
      batch.close();
    }
  }

  @Test
  void promotesOnTrendingBarsThenCompletesWithGateFailedOnARandomWalk() throws Exception {
    BarsTable.upsert(db.dataSource(), SyntheticBars.market(3, "AAA", "BBB", "CCC").bars());
    assertThat(quality.startJob(quality.getUniqueJobParameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(features.startJob(features.getUniqueJobParameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);

    JobExecution first = train.startJob(parameters("job-it"));

    assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(first.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
    assertThat(first.getExitStatus().getExitDescription()).contains("job-it v1", "v1 becomes champion");
    ExecutionContext context = first.getExecutionContext();
    assertThat(context.getInt("model_version")).isEqualTo(1);
    assertThat(context.getString("gate_passed")).isEqualTo("true");
    assertThat(context.getString("promoted")).isEqualTo("true");
    assertThat(context.getDouble("metric.holdout_accuracy")).isGreaterThan(0.70);
    assertThat(first.getStepExecutions().iterator().next().getExecutionContext().getString("run_id"))
        .isEqualTo(context.getString("run_id"));
    assertThat(batch.context().getBean(TrainingOutcomes.class).forExecution(first.getId())).isPresent();
    assertThat(registry.getVersionByAlias("job-it", ModelRegistry.CHAMPION).orElseThrow().version()).isEqualTo(1);

    // a backfill's run for an earlier day: trained on the rows before its interval's end, judged, never promoted
    java.time.Instant until = batch.context().getBean(TrainingOutcomes.class).forExecution(first.getId())
        .orElseThrow().dataTo().minus(java.time.Duration.ofDays(1));
    JobExecution backfill = train.startJob(train.getUniqueJobParametersBuilder()
        .addString(TrainAndGateTasklet.MODEL_NAME_PARAMETER, "job-it")
        .addString(TrainAndGateTasklet.DATA_UNTIL_PARAMETER, until.toString())
        .addString(TrainAndGateTasklet.TRIGGER_PARAMETER, "BACKFILL")
        .toJobParameters());
    assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    var asOf = batch.context().getBean(TrainingOutcomes.class).forExecution(backfill.getId()).orElseThrow();
    assertThat(asOf.dataTo()).isBefore(until);
    assertThat(asOf.promoted()).isFalse();
    assertThat(registry.getVersionByAlias("job-it", ModelRegistry.CHAMPION).orElseThrow().version()).isEqualTo(1);

    // the market turns into a random walk: new bars, recomputed features, nothing left to learn
    db.jdbc().update("delete from bars_1m");
    db.jdbc().update("delete from feature_rows");
    BarsTable.upsert(db.dataSource(),
        SyntheticBars.randomWalk(3, "AAA", "BBB", "CCC").startingOn(LocalDate.of(2024, 4, 1)).bars());
    assertThat(quality.startJob(quality.getUniqueJobParameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(features.startJob(features.getUniqueJobParameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);

    JobExecution second = train.startJob(parameters("job-it"));

    assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(second.getExitStatus().getExitCode()).isEqualTo(TrainAndGateTasklet.GATE_FAILED);
    assertThat(second.getExitStatus().getExitDescription()).contains("job-it v3", "champion v1 stays");
    assertThat(second.getExecutionContext().getString("gate_passed")).isEqualTo("false");
    assertThat(second.getExecutionContext().getString("champion_version")).isEqualTo("1");
    assertThat(registry.getVersionByAlias("job-it", ModelRegistry.CHAMPION).orElseThrow().version()).isEqualTo(1);
    PromotionDecision decision = registry.listDecisions("job-it").get(0);
    assertThat(decision.candidateVersion()).isEqualTo(3);
    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks()).anySatisfy(check -> {
      assertThat(check.name()).isEqualTo("holdout_accuracy > 0.7");
      assertThat(check.passed()).isFalse();
    });
  }

  @Test
  void failsTheJobWhenThereIsNothingToTrainOn() throws Exception {
    db.jdbc().update("delete from feature_rows");

    JobExecution execution = train.startJob(parameters("job-it-empty"));

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(execution.getExitStatus().getExitCode()).isEqualTo("FAILED");
    assertThat(execution.getAllFailureExceptions()).singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("labelled feature rows").hasMessageContaining("at least 500"));
    assertThat(registry.listModelVersions("job-it-empty")).isEmpty();
    assertThat(db.count("registry_runs where status = '" + RunStatus.RUNNING + "'")).isZero();
  }

  private static JobParameters parameters(String modelName) {
    return train.getUniqueJobParametersBuilder()
        .addString(TrainAndGateTasklet.MODEL_NAME_PARAMETER, modelName)
        .toJobParameters();
  }
}
