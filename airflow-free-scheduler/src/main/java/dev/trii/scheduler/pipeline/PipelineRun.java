package dev.trii.scheduler.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run of a pipeline, as recorded in {@code pipeline_runs}, with its tasks in order.
 *
 * @param parameters extra Spring Batch job parameters given with the request, passed to every task
 * @param error why the run failed, null otherwise
 * @param idempotencyKey the key a manual request gave, so that repeating it returns this run; null otherwise
 */
public record PipelineRun(long runId, String pipeline, TriggerKind trigger, RunStatus status, String requestedBy,
    Map<String, String> parameters, Instant createdAt, Instant startedAt, Instant endedAt, String error,
    List<TaskRun> tasks, String idempotencyKey) {

  public PipelineRun {
    parameters = Map.copyOf(parameters);
    tasks = List.copyOf(tasks);
  }
}
