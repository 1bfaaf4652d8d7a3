package dev.trii.scheduler.console;

import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineService.PipelineSummary;
import dev.trii.scheduler.pipeline.RunStatus;
import dev.trii.scheduler.pipeline.TaskRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the console API (written in snake_case). */
final class ConsoleViews {

  private ConsoleViews() {}

  /** A pipeline as {@code GET /api/pipelines} lists it. */
  record PipelineView(String name, List<String> tasks, String cron, String timeZone, Instant nextFireTime) {
    static PipelineView of(PipelineSummary summary) {
      return new PipelineView(summary.definition().name(), summary.definition().tasks(),
          summary.definition().cron().orElse(null), summary.definition().timeZone().getId(),
          summary.nextFireTime().orElse(null));
    }
  }

  /**
   * The optional body of {@code POST /api/pipelines/{name}/runs}.
   *
   * @param idempotencyKey a repeated request with the same key returns the run the first one created
   */
  record RunRequest(String requestedBy, Map<String, String> parameters, String idempotencyKey) {}

  /** The answer to {@code POST /api/pipelines/{name}/runs}. */
  record RunAccepted(long runId, String pipeline, RunStatus status) {}

  /** A run with its tasks. */
  record RunView(long runId, String pipeline, String trigger, RunStatus status, String requestedBy,
      Map<String, String> parameters, Instant createdAt, Instant startedAt, Instant endedAt, String error,
      List<TaskView> tasks, String idempotencyKey) {
    static RunView of(PipelineRun run) {
      return new RunView(run.runId(), run.pipeline(), run.trigger().name(), run.status(), run.requestedBy(),
          run.parameters(), run.createdAt(), run.startedAt(), run.endedAt(), run.error(),
          run.tasks().stream().map(TaskView::of).toList(), run.idempotencyKey());
    }
  }

  /** One task of a run. */
  record TaskView(String task, int position, String status, Long jobExecutionId, String exitDescription,
      Instant startedAt, Instant endedAt, int attempts) {
    static TaskView of(TaskRun task) {
      return new TaskView(task.task(), task.position(), task.status().name(), task.jobExecutionId(),
          task.exitDescription(), task.startedAt(), task.endedAt(), task.attempts());
    }
  }
}
