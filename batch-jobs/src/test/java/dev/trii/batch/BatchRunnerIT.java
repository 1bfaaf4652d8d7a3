package dev.trii.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.Platform;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.Database;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.training.TrainingOutcome;
import dev.trii.training.testing.SyntheticBars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The whole pipeline through the entry point the launcher calls: quality, features, train. */
class BatchRunnerIT {

  private static TestDatabase db;
  private static ObjectStorageSettings storage;
  private static TriiConfig config;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    storage = TestObjectStore.freshBucket();
    config = BatchTestContext.config(db, storage).with(Settings.MODEL_NAME, "runner-it");
    BarsTable.upsert(db.dataSource(), SyntheticBars.market(3, "AAA", "BBB", "CCC").bars());
  }

  @AfterAll
  static void stop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void runsThePipelineInOrderAndReturnsTheTrainingOutcome() {
    BatchRunResult result = BatchRunner.run(config, BatchRunner.PIPELINE, Map.of("trii.training.nthread", "1"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.jobs()).extracting(BatchRunResult.JobRun::jobName)
        .containsExactly(JobNames.QUALITY, JobNames.FEATURES, JobNames.TRAIN);
    assertThat(result.jobs()).extracting(BatchRunResult.JobRun::status).containsOnly(BatchStatus.COMPLETED);
    // quality: the manager step and one partition per symbol, 3 days each
    assertThat(result.job(JobNames.QUALITY).orElseThrow().steps())
        .extracting(BatchRunResult.StepRun::stepName, BatchRunResult.StepRun::readCount)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("checkQuality", 9L),
            org.assertj.core.groups.Tuple.tuple("checkSymbolQuality:symbol-AAA", 3L),
            org.assertj.core.groups.Tuple.tuple("checkSymbolQuality:symbol-BBB", 3L),
            org.assertj.core.groups.Tuple.tuple("checkSymbolQuality:symbol-CCC", 3L));
    assertThat(result.job(JobNames.FEATURES).orElseThrow().steps()).extracting(BatchRunResult.StepRun::writeCount)
        .containsExactly(1L, 9L);
    TrainingOutcome outcome = result.training().orElseThrow();
    assertThat(outcome.modelName()).isEqualTo("runner-it");
    assertThat(outcome.promoted()).isTrue();
    // the quality job's verdicts (all PASS on complete sessions) were part of the decision
    long checks = db.count("quality_checks");
    assertThat(checks).isGreaterThanOrEqualTo(9 * 7);
    assertThat(outcome.decision().checks().get(0).name()).isEqualTo("data_quality excluded_sessions_share <= 0.25 and every session checked");
    assertThat(outcome.decision().checks().get(0).detail()).startsWith("0 of 9 labelled sessions (0.0%) left out")
        .contains("0 of " + checks + " quality checks");
    assertThat(outcome.excludedSessions()).isEmpty();
    assertThat(result.job(JobNames.TRAIN).orElseThrow().exitDescription()).contains("runner-it v1");

    PostgresModelRegistry registry = new PostgresModelRegistry(db.dataSource(), "s3://" + storage.bucket() + "/mlruns");
    assertThat(registry.getVersionByAlias("runner-it", "champion").orElseThrow().version()).isEqualTo(1);
    ArtifactStore store = ArtifactStore.connect(storage);
    assertThat(store.exists(store.keyOf(outcome.source()) + "/metadata.json")).isTrue();
  }

  @Test
  void runsOnAPlatformTheCallerOpenedAndLeavesItOpen() {
    Platform platform = Platform.of(config, Database.connect(db.coordinates(), 2), ArtifactStore.connect(storage));
    try (platform) {
      try (ConfigurableApplicationContext context = BatchApplication.start(Map.of(), platform)) {
        assertThat(context.getBean(Platform.class)).isSameAs(platform);
        assertThat(context.getBean(TriiConfig.class)).isSameAs(config);
        // the scheduler may start jobs by name: the operator's registry knows all five
        assertThat(context.getBean(JobOperator.class).getJobNames())
            .containsExactlyInAnyOrder(JobNames.QUALITY, JobNames.FEATURES, JobNames.TRAIN, JobNames.RETENTION,
                JobNames.LIVE_ACCURACY, JobNames.REPORT);
      }

      BatchRunResult result = BatchRunner.run(platform, List.of(JobNames.QUALITY), Map.of());

      assertThat(result.succeeded()).isTrue();
      assertThat(result.training()).isEmpty();
      // the contexts are closed, the caller's database pool is not
      assertThat(new JdbcTemplate(platform.database().dataSource()).queryForObject("select 1", Integer.class))
          .isEqualTo(1);
    }
  }

  @Test
  void refusesAnUnknownJobName() {
    assertThatThrownBy(() -> BatchRunner.run(config, List.of("cleanupJob")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown batch job 'cleanupJob'");
  }
}
