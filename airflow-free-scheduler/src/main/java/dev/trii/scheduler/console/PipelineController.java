package dev.trii.scheduler.console;

import dev.trii.scheduler.console.ConsoleViews.PipelineView;
import dev.trii.scheduler.console.ConsoleViews.RunAccepted;
import dev.trii.scheduler.console.ConsoleViews.RunRequest;
import dev.trii.scheduler.console.ConsoleViews.RunView;
import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineRunner;
import dev.trii.scheduler.pipeline.PipelineService;
import java.net.URI;
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
 * The job console API: lists pipelines, queues a run on request (202, run id), shows a run with its tasks and a
 * pipeline's latest runs. Input is checked here; errors become answers in {@link ConsoleExceptionHandler}.
 */
@RestController
@RequestMapping("/api/pipelines")
class PipelineController {

  static final int MAX_LIMIT = 200;
  private static final int MAX_PARAMETERS = 20;
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  private final PipelineService pipelines;

  PipelineController(PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  @GetMapping
  List<PipelineView> list() {
    return pipelines.pipelines().stream().map(PipelineView::of).toList();
  }

  @PostMapping("/{name}/runs")
  ResponseEntity<RunAccepted> requestRun(@PathVariable String name,
      @RequestBody(required = false) RunRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String headerKey) {
    String requestedBy = request == null || request.requestedBy() == null ? "api" : request.requestedBy().trim();
    if (requestedBy.isEmpty() || requestedBy.length() > 100) {
      throw new InvalidInputException("requested_by must be 1-100 characters");
    }
    Map<String, String> parameters = request == null || request.parameters() == null ? Map.of() : request.parameters();
    checkParameters(parameters);
    String key = idempotencyKey(headerKey, request == null ? null : request.idempotencyKey());
    PipelineService.Requested requested = pipelines.requestRun(name, requestedBy, parameters, key);
    PipelineRun run = requested.run();
    // a repeated request with the same key gets the run the first one created, as it is now
    return ResponseEntity.status(requested.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/api/pipelines/runs/" + run.runId()))
        .body(new RunAccepted(run.runId(), run.pipeline(), run.status()));
  }

  /** Retries a FAILED run: queued again, restarting its failed task's job execution from the failed step. */
  @PostMapping("/runs/{runId}/retry")
  ResponseEntity<RunAccepted> retry(@PathVariable long runId) {
    if (runId < 1) {
      throw new InvalidInputException("run id must be a positive number, got " + runId);
    }
    PipelineRun run = pipelines.retry(runId);
    return ResponseEntity.accepted()
        .location(URI.create("/api/pipelines/runs/" + run.runId()))
        .body(new RunAccepted(run.runId(), run.pipeline(), run.status()));
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
    return key;
  }

  @GetMapping("/runs/{runId}")
  RunView run(@PathVariable long runId) {
    if (runId < 1) {
      throw new InvalidInputException("run id must be a positive number, got " + runId);
    }
    return RunView.of(pipelines.run(runId));
  }

  @GetMapping("/{name}/runs")
  List<RunView> runs(@PathVariable String name, @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
    return pipelines.latestRuns(name, limit).stream().map(RunView::of).toList();
  }

  private static void checkParameters(Map<String, String> parameters) {
    if (parameters.size() > MAX_PARAMETERS) {
      throw new InvalidInputException("at most " + MAX_PARAMETERS + " parameters, got " + parameters.size());
    }
    parameters.forEach((key, value) -> {
      if (!PARAMETER_NAME.matcher(key).matches()) {
        throw new InvalidInputException("parameter name '" + key + "' must be a letter followed by up to 63 "
            + "letters, digits, '_', '.' or '-'");
      }
      if (PipelineRunner.RESERVED_PARAMETERS.contains(key)) {
        throw new InvalidInputException("parameter '" + key + "' is set by the scheduler itself");
      }
      if (value == null || value.length() > 1000) {
        throw new InvalidInputException("parameter '" + key + "' needs a value of at most 1000 characters");
      }
    });
  }
}
