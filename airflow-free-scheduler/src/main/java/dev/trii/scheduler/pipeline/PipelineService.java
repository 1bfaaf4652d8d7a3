package dev.trii.scheduler.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the job console offers: the pipelines, requesting a run, and the recorded runs. */
public class PipelineService {

  private final PipelineCatalog catalog;
  private final PipelineRunner runner;
  private final PipelineRunRepository runs;
  private final PipelineTriggers triggers;

  public PipelineService(PipelineCatalog catalog, PipelineRunner runner, PipelineRunRepository runs,
      PipelineTriggers triggers) {
    this.catalog = catalog;
    this.runner = runner;
    this.runs = runs;
    this.triggers = triggers;
  }

  /** A pipeline with when its schedule fires next. */
  public record PipelineSummary(PipelineDefinition definition, Optional<Instant> nextFireTime) {}

  public List<PipelineSummary> pipelines() {
    return catalog.all().stream()
        .map(definition -> new PipelineSummary(definition, triggers.nextFireTime(definition.name())))
        .toList();
  }

  /**
   * Records a QUEUED manual run and hands it to Quartz.
   *
   * @return the run as queued (read before Quartz can start it, so it is always QUEUED)
   * @throws UnknownPipelineException when the pipeline is not defined
   * @throws PipelineLaunchException when Quartz refuses the run (which is then recorded as FAILED)
   */
  public PipelineRun requestRun(String pipeline, String requestedBy, Map<String, String> parameters) {
    return requestRun(pipeline, requestedBy, parameters, null).run();
  }

  /** A requested run, and whether this request created it (false: an earlier one with the same key did). */
  public record Requested(PipelineRun run, boolean created) {}

  /**
   * Records a QUEUED manual run and hands it to Quartz; with an idempotency key, a run the pipeline already has for
   * that key is returned as it is now and nothing new is started.
   *
   * @throws UnknownPipelineException when the pipeline is not defined
   * @throws PipelineLaunchException when Quartz refuses the run (which is then recorded as FAILED)
   */
  public Requested requestRun(String pipeline, String requestedBy, Map<String, String> parameters,
      String idempotencyKey) {
    PipelineRunRepository.Queued queued = runner.enqueue(pipeline, TriggerKind.MANUAL, requestedBy, parameters,
        idempotencyKey);
    PipelineRun run = run(queued.runId());
    if (!queued.created()) {
      return new Requested(run, false);
    }
    fire(pipeline, queued.runId());
    return new Requested(run, true);
  }

  /**
   * Retries a FAILED run by hand: it is queued again, its succeeded tasks are kept, and the failed task's job
   * execution is restarted from its failed step, the tasks after it run as usual.
   *
   * @return the run as queued again
   * @throws RunNotFoundException when there is no such run
   * @throws RunStateException when the run is not FAILED
   */
  public PipelineRun retry(long runId) {
    PipelineRun run = run(runId);
    if (!runs.requeueFailed(runId)) {
      throw new RunStateException("run " + runId + " of " + run.pipeline() + " is " + run(runId).status()
          + ": only a FAILED run can be retried");
    }
    PipelineRun queued = run(runId);
    fire(run.pipeline(), runId);
    return queued;
  }

  private void fire(String pipeline, long runId) {
    try {
      triggers.fireNow(pipeline, runId);
    } catch (RuntimeException e) {
      runs.finish(runId, RunStatus.FAILED, "could not hand the run to the scheduler: " + e.getMessage());
      throw e instanceof PipelineLaunchException launch ? launch
          : new PipelineLaunchException("run " + runId + " of " + pipeline + " could not be scheduled: " + e.getMessage(), e);
    }
  }

  /**
   * @throws RunNotFoundException when there is no such run
   */
  public PipelineRun run(long runId) {
    return runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }

  /**
   * @throws UnknownPipelineException when the pipeline is not defined
   */
  public List<PipelineRun> latestRuns(String pipeline, int limit) {
    catalog.require(pipeline);
    return runs.latest(pipeline, limit);
  }
}
