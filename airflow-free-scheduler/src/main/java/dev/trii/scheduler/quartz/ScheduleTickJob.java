package dev.trii.scheduler.quartz;

import dev.trii.scheduler.pipeline.ScheduledRuns;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz side of a schedule, a thin adapter: its one-shot trigger fired for a fire time, so the fire time (and
 * any missed since) is queued as runs and the trigger moved to the next fire time. Quartz recovers it on another node
 * when its node dies mid-way ({@code requestRecovery}); queuing is idempotent per fire time, so a recovered firing
 * queues nothing twice.
 */
@DisallowConcurrentExecution
public class ScheduleTickJob implements Job {

  /** Data-map key of the pipeline name (on the job). */
  public static final String PIPELINE = "pipeline";
  /** Data-map key of the fire time the trigger stands for (on the trigger), ISO-8601. */
  public static final String FIRE_TIME = "fireTime";

  private final ScheduledRuns scheduled;
  private final QuartzPipelineTriggers triggers;

  public ScheduleTickJob(ScheduledRuns scheduled, QuartzPipelineTriggers triggers) {
    this.scheduled = scheduled;
    this.triggers = triggers;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String pipeline = context.getMergedJobDataMap().getString(PIPELINE);
    String fireTime = context.getMergedJobDataMap().getString(FIRE_TIME);
    try {
      Instant last = scheduled.fired(pipeline, Instant.parse(fireTime), Instant.now());
      triggers.scheduleAfter(pipeline, last);
    } catch (RuntimeException e) {
      throw new JobExecutionException("schedule of pipeline " + pipeline + " at " + fireTime + " failed: "
          + e.getMessage(), e, false);
    }
  }
}
