package dev.trii.scheduler.console;

import dev.trii.scheduler.console.ConsoleViews.BackfillAccepted;
import dev.trii.scheduler.console.ConsoleViews.BackfillRequest;
import dev.trii.scheduler.console.ConsoleViews.EventView;
import dev.trii.scheduler.console.ConsoleViews.PauseState;
import dev.trii.scheduler.console.ConsoleViews.PipelineView;
import dev.trii.scheduler.console.ConsoleViews.RunAccepted;
import dev.trii.scheduler.console.ConsoleViews.RunRequest;
import dev.trii.scheduler.console.ConsoleViews.RunView;
import dev.trii.scheduler.definition.DataInterval;
import dev.trii.scheduler.logs.TaskLogs;
import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineService;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The job console API: pipelines (current version, schedule, pause state, last run), runs on request (202, run id;
 * idempotent with a key), retries, pause and resume, backfills, runs with their tasks, and events. Every change is
 * recorded under the authenticated user (never a name the request gives). Input is checked here; errors become
 * RFC 9457 answers in {@link ConsoleExceptionHandler}.
 */
@RestController
@RequestMapping("/api/pipelines")
class PipelineController {

  static final int MAX_LIMIT = 200;
  private static final int MAX_PARAMETERS = 20;
  private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private final PipelineService pipelines;
  private final TaskLogs taskLogs;

  PipelineController(PipelineService pipelines, TaskLogs taskLogs) {
    this.pipelines = pipelines;
    this.taskLogs = taskLogs;
  }

  @GetMapping
  List<PipelineView> list() {
    return pipelines.pipelines().stream().map(PipelineView::of).toList();
  }

  @GetMapping("/{name}")
  PipelineView pipeline(@PathVariable String name) {
    return PipelineView.of(pipelines.summary(name));
  }

  @PostMapping("/{name}/runs")
  ResponseEntity<RunAccepted> requestRun(@PathVariable String name,
      @RequestBody(required = false) RunRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String headerKey, Principal user) {
    Map<String, String> parameters = request == null || request.parameters() == null ? Map.of() : request.parameters();
    checkParameters(parameters);
    DataInterval interval = interval(request);
    String key = idempotencyKey(headerKey, request == null ? null : request.idempotencyKey());
    PipelineService.Requested requested =
        InvalidInputException.whenRefused(
            () -> pipelines.requestRun(name, user.getName(), parameters, key, interval));
    PipelineRun run = requested.run();
    // a repeated request with the same key gets the run the first one created, as it is now
    return ResponseEntity.status(requested.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/api/pipelines/runs/" + run.runId()))
        .body(new RunAccepted(run.runId(), run.pipeline(), run.status()));
  }

  /** Retries a FAILED run: queued again, restarting its failed task's job execution from the failed step. */
  @PostMapping("/runs/{runId}/retry")
  ResponseEntity<RunAccepted> retry(@PathVariable long runId, Principal user) {
    PipelineRun run = pipelines.retry(positive(runId), user.getName());
    return ResponseEntity.accepted()
        .location(URI.create("/api/pipelines/runs/" + run.runId()))
        .body(new RunAccepted(run.runId(), run.pipeline(), run.status()));
  }

  /** Cancels a QUEUED or RUNNING run (a running one stops at its jobs' next chunk boundary). */
  @PostMapping("/runs/{runId}/cancel")
  RunView cancel(@PathVariable long runId, Principal user) {
    return RunView.of(pipelines.cancel(positive(runId), user.getName()));
  }

  @PostMapping("/{name}/pause")
  PauseState pause(@PathVariable String name, Principal user) {
    return new PauseState(name, true, pipelines.setPaused(name, true, user.getName()));
  }

  @PostMapping("/{name}/resume")
  PauseState resume(@PathVariable String name, Principal user) {
    return new PauseState(name, false, pipelines.setPaused(name, false, user.getName()));
  }

  @PostMapping("/{name}/backfills")
  ResponseEntity<BackfillAccepted> backfill(@PathVariable String name, @RequestBody BackfillRequest request,
      Principal user) {
    if (request == null || request.from() == null || request.to() == null) {
      throw new InvalidInputException("a backfill needs from and to (dates like 2026-11-02, both included)");
    }
    PipelineService.Backfill backfill = InvalidInputException.whenRefused(() -> pipelines.backfill(name,
        request.from(), request.to(), PipelineService.Reprocess.parse(request.reprocess() == null ? "none"
            : request.reprocess()), user.getName()));
    return ResponseEntity.accepted()
        .location(URI.create("/api/pipelines/backfills/" + backfill.backfillId() + "/runs"))
        .body(BackfillAccepted.of(backfill));
  }

  @GetMapping("/backfills/{backfillId}/runs")
  List<RunView> backfillRuns(@PathVariable long backfillId) {
    return pipelines.backfillRuns(positive(backfillId)).stream().map(RunView::of).toList();
  }

  @GetMapping("/runs/{runId}")
  RunView run(@PathVariable long runId) {
    return RunView.of(pipelines.run(positive(runId)));
  }

  @GetMapping("/runs/{runId}/events")
  List<EventView> runEvents(@PathVariable long runId) {
    return pipelines.runEvents(positive(runId)).stream().map(EventView::of).toList();
  }

  /** The task's last log lines (the job's own, kept per task), oldest first. */
  @GetMapping("/runs/{runId}/tasks/{task}/log")
  List<TaskLogs.Line> taskLog(@PathVariable long runId, @PathVariable String task,
      @RequestParam(defaultValue = "100") int lines) {
    PipelineRun run = pipelines.run(positive(runId));
    if (run.task(task).isEmpty()) {
      throw new InvalidInputException("run " + runId + " has no task '" + task + "' (tasks: "
          + run.tasks().stream().map(t -> t.task()).toList() + ")");
    }
    return taskLogs.tail(runId, task, Math.min(limit(lines), 1000));
  }

  @GetMapping("/{name}/runs")
  List<RunView> runs(@PathVariable String name, @RequestParam(defaultValue = "20") int limit) {
    return pipelines.latestRuns(name, limit(limit)).stream().map(RunView::of).toList();
  }

  @GetMapping("/{name}/events")
  List<EventView> events(@PathVariable String name, @RequestParam(defaultValue = "50") int limit) {
    return pipelines.events(name, limit(limit)).stream().map(EventView::of).toList();
  }


  private static DataInterval interval(RunRequest request) {
    if (request == null || request.dataIntervalStart() == null && request.dataIntervalEnd() == null) {
      return null;
    }
    if (request.dataIntervalStart() == null || request.dataIntervalEnd() == null) {
      throw new InvalidInputException("give both data_interval_start and data_interval_end, or neither");
    }
    if (request.dataIntervalEnd().isBefore(request.dataIntervalStart())) {
      throw new InvalidInputException("data_interval_end is before data_interval_start");
    }
    return new DataInterval(request.dataIntervalStart(), request.dataIntervalEnd());
  }

  /** The key from the {@code Idempotency-Key} header or the body (they must agree when both are given). */
  private static String idempotencyKey(String header, String body) {
    String key = header != null && !header.isBlank() ? header.trim() : body == null ? null : body.trim();
    if (header != null && !header.isBlank() && body != null && !body.isBlank() && !header.trim().equals(body.trim())) {
      throw new InvalidInputException("the Idempotency-Key header and idempotency_key in the body differ");
    }
    if (key != null && (key.isEmpty() || key.length() > 200)) {
      throw new InvalidInputException("an idempotency key must be 1-200 characters");
    }
    if (key != null && (key.startsWith("cron:") || key.startsWith("backfill:"))) {
      throw new InvalidInputException("idempotency keys starting with cron: or backfill: are the scheduler's own");
    }
    return key;
  }

  private static long positive(long id) {
    if (id < 1) {
      throw new InvalidInputException("an id must be a positive number, got " + id);
    }
    return id;
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }

  private static void checkParameters(Map<String, String> parameters) {
    if (parameters.size() > MAX_PARAMETERS) {
      throw new InvalidInputException("at most " + MAX_PARAMETERS + " parameters, got " + parameters.size());
    }
    parameters.forEach((key, value) -> {
      if (!PARAMETER_NAME.matcher(key).matches()) {
        throw new InvalidInputException("parameter name '" + key + "' must be lower-case letters, digits or '_'");
      }
      if (value == null || value.length() > 1000) {
        throw new InvalidInputException("parameter '" + key + "' needs a value of at most 1000 characters");
      }
    });
  }
}
