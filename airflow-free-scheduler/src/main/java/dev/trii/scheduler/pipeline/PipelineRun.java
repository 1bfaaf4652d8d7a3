package dev.trii.scheduler.pipeline;

import dev.trii.scheduler.definition.DataInterval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a pipeline, as recorded in {@code pipeline_runs}, with its tasks in dependency order.
 *
 * @param definitionVersion the pipeline version the run was queued with, and runs with
 * @param parameters the run's parameters, checked against the pipeline's and completed with their defaults
 * @param dataInterval the span of data the run is about; null for a run requested without one
 * @param priority higher is claimed first: scheduled and manual runs before backfill runs
 * @param backfillId the backfill that queued it, or null
 * @param error why the run failed, null otherwise
 * @param idempotencyKey the key that makes a repeated request return this run; null for none
 * @param claimedBy the scheduler node running it, while it runs
 * @param recoveries times the run was taken back from a node that stopped heartbeating and queued again
 */
public record PipelineRun(long runId, String pipeline, int definitionVersion, TriggerKind trigger, RunStatus status,
    String requestedBy, Map<String, String> parameters, DataInterval dataInterval, int priority, Long backfillId,
    Instant createdAt, Instant startedAt, Instant endedAt, String error, List<TaskRun> tasks, String idempotencyKey,
    String claimedBy, int recoveries) {

  public PipelineRun {
    parameters = Map.copyOf(parameters);
    tasks = List.copyOf(tasks);
  }

  public Optional<TaskRun> task(String name) {
    return tasks.stream().filter(task -> task.task().equals(name)).findFirst();
  }
}
