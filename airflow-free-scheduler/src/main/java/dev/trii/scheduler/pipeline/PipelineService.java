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
    long runId = runner.enqueue(pipeline, TriggerKind.MANUAL, requestedBy, parameters);
    PipelineRun queued = run(runId);
    try {
      triggers.fireNow(pipeline, runId);
    } catch (RuntimeException e) {
      runs.finish(runId, RunStatus.FAILED, "could not hand the run to the scheduler: " + e.getMessage());
      throw e instanceof PipelineLaunchException launch ? launch
          : new PipelineLaunchException("run " + runId + " of " + pipeline + " could not be scheduled: " + e.getMessage(), e);
    }
    return queued;
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
