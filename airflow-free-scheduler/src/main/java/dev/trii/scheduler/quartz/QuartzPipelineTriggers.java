package dev.trii.scheduler.quartz;

import dev.trii.scheduler.pipeline.PipelineCatalog;
import dev.trii.scheduler.pipeline.PipelineDefinition;
import dev.trii.scheduler.pipeline.PipelineLaunchException;
import dev.trii.scheduler.pipeline.PipelineTriggers;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Pipelines in Quartz: one durable job per pipeline ({@link PipelineQuartzJob}, group {@value #GROUP}, named after the
 * pipeline) and, for a scheduled pipeline, a cron trigger of the same name in its time zone. Registered before the web
 * server starts; a changed cron replaces the trigger, an unchanged one keeps its state; jobs and triggers of pipelines
 * no longer defined are removed. A requested run fires the pipeline's job once with the run id in the trigger's data.
 */
public final class QuartzPipelineTriggers implements PipelineTriggers, SmartInitializingSingleton {

  /** Quartz group of the pipeline jobs and their triggers. */
  public static final String GROUP = "trii-pipelines";

  private static final Logger log = LoggerFactory.getLogger(QuartzPipelineTriggers.class);

  private final Scheduler scheduler;
  private final PipelineCatalog catalog;

  public QuartzPipelineTriggers(Scheduler scheduler, PipelineCatalog catalog) {
    this.scheduler = scheduler;
    this.catalog = catalog;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try {
      register();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot register the pipelines with Quartz: " + e.getMessage(), e);
    }
  }

  void register() throws SchedulerException {
    for (PipelineDefinition pipeline : catalog.all()) {
      JobDetail job = JobBuilder.newJob(PipelineQuartzJob.class)
          .withIdentity(jobKey(pipeline.name()))
          .withDescription("pipeline " + pipeline.name() + ": " + String.join(" -> ", pipeline.tasks()))
          .usingJobData(PipelineQuartzJob.PIPELINE, pipeline.name())
          .storeDurably()
          .build();
      scheduler.addJob(job, true);
      TriggerKey cronKey = triggerKey(pipeline.name());
      Trigger existing = scheduler.getTrigger(cronKey);
      if (pipeline.cron().isEmpty()) {
        if (existing != null) {
          scheduler.unscheduleJob(cronKey);
          log.info("pipeline {} is no longer scheduled", pipeline.name());
        }
        continue;
      }
      String cron = pipeline.cron().get();
      TimeZone zone = TimeZone.getTimeZone(pipeline.timeZone());
      if (existing instanceof CronTrigger current && current.getCronExpression().equals(cron)
          && current.getTimeZone().getID().equals(zone.getID())) {
        continue;
      }
      CronTrigger trigger = TriggerBuilder.newTrigger()
          .withIdentity(cronKey)
          .forJob(job)
          .withDescription("schedule of pipeline " + pipeline.name())
          // after downtime, run once at start rather than skipping the day or catching up every missed fire
          .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone).withMisfireHandlingInstructionFireAndProceed())
          .build();
      if (existing == null) {
        scheduler.scheduleJob(trigger);
      } else {
        scheduler.rescheduleJob(cronKey, trigger);
      }
      log.info("pipeline {} scheduled at '{}' {} (next: {})", pipeline.name(), cron, zone.getID(),
          trigger.getFireTimeAfter(new Date()));
    }
    Set<JobKey> registered = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP));
    for (JobKey key : registered) {
      if (catalog.find(key.getName()).isEmpty()) {
        scheduler.deleteJob(key);
        log.info("removed pipeline {} from Quartz: it is no longer defined", key.getName());
      }
    }
  }

  @Override
  public void fireNow(String pipeline, long runId) {
    JobDataMap data = new JobDataMap();
    data.put(PipelineQuartzJob.RUN_ID, Long.toString(runId));
    try {
      scheduler.triggerJob(jobKey(pipeline), data);
    } catch (SchedulerException e) {
      throw new PipelineLaunchException("Quartz refused run " + runId + " of pipeline " + pipeline + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Instant> nextFireTime(String pipeline) {
    try {
      Trigger trigger = scheduler.getTrigger(triggerKey(pipeline));
      return trigger == null || trigger.getNextFireTime() == null ? Optional.empty()
          : Optional.of(trigger.getNextFireTime().toInstant());
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the schedule of pipeline " + pipeline + ": " + e.getMessage(), e);
    }
  }

  static JobKey jobKey(String pipeline) {
    return JobKey.jobKey(pipeline, GROUP);
  }

  static TriggerKey triggerKey(String pipeline) {
    return TriggerKey.triggerKey(pipeline, GROUP);
  }
}
