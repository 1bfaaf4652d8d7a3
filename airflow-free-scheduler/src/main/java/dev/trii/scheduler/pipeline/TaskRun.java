package dev.trii.scheduler.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * One task of a pipeline run, as recorded in {@code task_runs}.
 *
 * @param dependsOn the tasks that must succeed before it starts
 * @param jobExecutionId the Spring Batch job execution, once the job ran
 * @param exitDescription Spring Batch's exit description, or why the job could not start
 * @param attempts attempts so far: 1 for a task that ran once; each later one restarted the same job instance
 */
public record TaskRun(String task, int position, List<String> dependsOn, TaskStatus status, Long jobExecutionId,
    String exitDescription, Instant startedAt, Instant endedAt, int attempts) {

  public TaskRun {
    dependsOn = List.copyOf(dependsOn);
  }
}
