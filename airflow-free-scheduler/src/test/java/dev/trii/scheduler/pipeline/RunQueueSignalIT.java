package dev.trii.scheduler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.db.Database;
import dev.trii.core.testing.TestDatabase;
import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.PipelineDefinitions;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The queue's notifications on a real PostgreSQL: a run queued (by any node's repository), a backfill, a retry and the
 * end of a run each reach a listening node, which would otherwise only see them at its next poll.
 */
class RunQueueSignalIT {

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  @Test
  void everyChangeToTheQueueReachesAListeningNode() throws Exception {
    Database database = db.database();
    Semaphore signals = new Semaphore(0);
    RunQueueSignal signal = new RunQueueSignal(database.dataSource(), signals::release);
    signal.start();
    try {
      assertThat(signals.tryAcquire(10, TimeUnit.SECONDS)).as("listening (it signals once when it starts)").isTrue();
      PipelineRunRepository runs = new PipelineRunRepository(database.dataSource());
      PipelineDefinition definition = PipelineDefinitions.parse(
          "name: it-signal\nversion: 1\ntasks:\n  only: {job: emptyJob}\n", "it-signal.yaml");

      long runId = runs.createQueued(new PipelineRunRepository.NewRun(definition, TriggerKind.MANUAL, "it", Map.of(),
          null, null)).runId();
      assertThat(signals.tryAcquire(5, TimeUnit.SECONDS)).as("a queued run").isTrue();

      db.jdbc().update("update pipeline_runs set status = 'RUNNING', claimed_by = 'node-a' where run_id = ?", runId);
      assertThat(runs.finish(runId, RunStatus.FAILED, "boom", "node-a")).isTrue();
      assertThat(signals.tryAcquire(5, TimeUnit.SECONDS)).as("a run that ended: a slot is free").isTrue();

      assertThat(runs.requeueFailed(runId)).isTrue();
      assertThat(signals.tryAcquire(5, TimeUnit.SECONDS)).as("a retried run").isTrue();
      assertThat(signals.tryAcquire(300, TimeUnit.MILLISECONDS)).as("nothing else changed").isFalse();
    } finally {
      signal.stop();
    }
  }
}
