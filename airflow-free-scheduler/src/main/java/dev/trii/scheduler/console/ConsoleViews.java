package dev.trii.scheduler.console;

import dev.trii.scheduler.definition.DataInterval;
import dev.trii.scheduler.definition.ParamDefinition;
import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.TaskDefinition;
import dev.trii.scheduler.pipeline.PipelineEvents;
import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineService;
import dev.trii.scheduler.pipeline.RunStatus;
import dev.trii.scheduler.pipeline.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the console API (written in snake_case). */
final class ConsoleViews {

  private ConsoleViews() {}

  /** A pipeline at its current version, as {@code GET /api/pipelines} lists it. */
  record PipelineView(String name, int version, String description, ScheduleView schedule, boolean paused,
      Instant nextFireTime, int maxActiveRuns, int maxActiveBackfillRuns, List<TaskSpecView> tasks,
      List<ParamView> params, RunSummary lastRun) {
    static PipelineView of(PipelineService.PipelineSummary summary) {
      PipelineDefinition d = summary.pipeline().definition();
      return new PipelineView(d.name(), d.version(), d.description(),
          d.schedule().map(s -> new ScheduleView(s.cron(), s.zone().getId(), s.misfire().yamlName())).orElse(null),
          summary.pipeline().paused(), summary.nextFireTime().orElse(null), d.maxActiveRuns(),
          d.maxActiveBackfillRuns(), d.tasks().stream().map(TaskSpecView::of).toList(),
          d.params().values().stream().map(ParamView::of).toList(),
          summary.lastRun().map(RunSummary::of).orElse(null));
    }
  }

  record ScheduleView(String cron, String timeZone, String misfire) {}

  record TaskSpecView(String name, String job, List<String> dependsOn, int retries, Long retryDelaySeconds,
      Long timeoutSeconds, Long slaSeconds) {
    static TaskSpecView of(TaskDefinition t) {
      return new TaskSpecView(t.name(), t.job(), t.dependsOn(), t.retry().retries(),
          t.retry().firstDelay().toSeconds(), t.timeout().map(Duration::toSeconds).orElse(null),
          t.sla().map(Duration::toSeconds).orElse(null));
    }
  }

  record ParamView(String name, String type, boolean required, String defaultValue, String description,
      List<String> allowed) {
    static ParamView of(ParamDefinition p) {
      return new ParamView(p.name(), p.type().name().toLowerCase(Locale.ROOT), p.required(),
          p.fallback().orElse(null), p.description(), p.allowed());
    }
  }

  record RunSummary(long runId, RunStatus status, String trigger, Instant startedAt, Instant endedAt) {
    static RunSummary of(PipelineRun run) {
      return new RunSummary(run.runId(), run.status(), run.trigger().name(), run.startedAt(), run.endedAt());
    }
  }

  /**
   * The optional body of {@code POST /api/pipelines/{name}/runs}.
   *
   * @param parameters checked against the pipeline's declared params
   * @param idempotencyKey a repeated request with the same key returns the run the first one created
   * @param dataIntervalStart with {@code dataIntervalEnd}, the data the run is about (ISO-8601 instants); by
   *     default the pipeline's latest complete interval
   */
  record RunRequest(Map<String, String> parameters, String idempotencyKey,
      Instant dataIntervalStart, Instant dataIntervalEnd) {}

  /** The answer to a request that queued (or found) a run. */
  record RunAccepted(long runId, String pipeline, RunStatus status) {}

  /** The body of {@code POST /api/pipelines/{name}/backfills}: dates in the pipeline's zone, both included. */
  record BackfillRequest(LocalDate from, LocalDate to, String reprocess) {}

  record BackfillAccepted(long backfillId, String pipeline, int queued, int skipped) {
    static BackfillAccepted of(PipelineService.Backfill backfill) {
      return new BackfillAccepted(backfill.backfillId(), backfill.pipeline(), backfill.queued(), backfill.skipped());
    }
  }

  /** The answer to pause and resume. */
  record PauseState(String pipeline, boolean paused, boolean changed) {}

  /** A run with its tasks. */
  record RunView(long runId, String pipeline, int version, String trigger, RunStatus status, String requestedBy,
      Map<String, String> parameters, Instant dataIntervalStart, Instant dataIntervalEnd, int priority,
      Long backfillId, Instant createdAt, Instant startedAt, Instant endedAt, String error, List<TaskView> tasks,
      String idempotencyKey, String claimedBy, int recoveries) {
    static RunView of(PipelineRun run) {
      DataInterval interval = run.dataInterval();
      return new RunView(run.runId(), run.pipeline(), run.definitionVersion(), run.trigger().name(), run.status(),
          run.requestedBy(), run.parameters(), interval == null ? null : interval.start(),
          interval == null ? null : interval.end(), run.priority(), run.backfillId(), run.createdAt(),
          run.startedAt(), run.endedAt(), run.error(), run.tasks().stream().map(TaskView::of).toList(),
          run.idempotencyKey(), run.claimedBy(), run.recoveries());
    }
  }

  /** One task of a run. */
  record TaskView(String task, int position, List<String> dependsOn, String status, Long jobExecutionId,
      String exitDescription, Instant startedAt, Instant endedAt, int attempts) {
    static TaskView of(TaskRun task) {
      return new TaskView(task.task(), task.position(), task.dependsOn(), task.status().name(),
          task.jobExecutionId(), task.exitDescription(), task.startedAt(), task.endedAt(), task.attempts());
    }
  }

  record EventView(long eventId, Instant recordedAt, String pipeline, Long runId, String task, String kind,
      String actor, String detail) {
    static EventView of(PipelineEvents.Event e) {
      return new EventView(e.eventId(), e.recordedAt(), e.pipeline(), e.runId(), e.task(), e.kind().name(),
          e.actor(), e.detail());
    }
  }
}
