package dev.trii.scheduler.quartz;

import dev.trii.scheduler.pipeline.PipelineRun;
import dev.trii.scheduler.pipeline.PipelineRunner;
import dev.trii.scheduler.pipeline.RunStatus;
import dev.trii.scheduler.pipeline.TriggerKind;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz side of a pipeline, a thin adapter: takes the pipeline name and (for a requested run) the run id from
 * the data map, asks the {@link PipelineRunner} to run it — first recording a CRON run when the cron trigger fired —
 * and reports a failed run back to Quartz instead of swallowing it. One run of a pipeline at a time, cluster-wide.
 */
@DisallowConcurrentExecution
public class PipelineQuartzJob implements Job {

  /** Data-map key of the pipeline name (on the job). */
  public static final String PIPELINE = "pipeline";
  /** Data-map key of the queued run's id (on the trigger of a requested run). */
  public static final String RUN_ID = "runId";

  private final PipelineRunner runner;

  public PipelineQuartzJob(PipelineRunner runner) {
    this.runner = runner;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    JobDataMap data = context.getMergedJobDataMap();
    String pipeline = data.getString(PIPELINE);
    String runIdText = data.getString(RUN_ID);
    PipelineRun run;
    try {
      long runId = runIdText == null
          ? runner.enqueue(pipeline, TriggerKind.CRON, "cron:" + context.getTrigger().getKey().getName(), java.util.Map.of())
          : Long.parseLong(runIdText);
      run = runner.run(runId);
    } catch (RuntimeException e) {
      throw new JobExecutionException("pipeline " + pipeline + (runIdText == null ? "" : " run " + runIdText)
          + " could not run: " + e.getMessage(), e, false);
    }
    if (run.status() == RunStatus.FAILED) {
      throw new JobExecutionException("pipeline run " + run.runId() + " of " + pipeline + " failed: " + run.error(),
          false);
    }
  }
}
