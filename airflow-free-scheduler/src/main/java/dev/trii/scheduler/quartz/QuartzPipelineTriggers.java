package dev.trii.scheduler.quartz;

import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.Schedule;
import dev.trii.scheduler.pipeline.PipelineCatalog;
import dev.trii.scheduler.pipeline.PipelineTriggers;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules in Quartz's clustered JDBC store: one durable, recoverable {@link ScheduleTickJob} per scheduled
 * pipeline (group {@value #GROUP}) and a one-shot trigger at its next fire time, which the job moves on each time it
 * fires. The fire times come from {@link Schedule} (wall-clock cron, DST-safe), not from Quartz's cron trigger. A
 * trigger whose schedule is unchanged keeps its fire time (also one in the past: it fires at once as a misfire);
 * registration never removes another node's pipeline.
 */
public final class QuartzPipelineTriggers implements PipelineTriggers {

  /** Quartz group of the schedule jobs and their triggers. */
  public static final String GROUP = "trii-schedules";
  private static final String LEGACY_GROUP = "trii-pipelines";
  /** Trigger data: the schedule the trigger was computed from, so that a changed schedule replaces it. */
  private static final String SCHEDULE = "schedule";

  private static final Logger log = LoggerFactory.getLogger(QuartzPipelineTriggers.class);

  private final Scheduler scheduler;
  private final PipelineCatalog catalog;

  public QuartzPipelineTriggers(Scheduler scheduler, PipelineCatalog catalog) {
    this.scheduler = scheduler;
    this.catalog = catalog;
  }

  /** Registers the schedule of every pipeline at its current version. */
  public void register() {
    try {
      // jobs of the cron triggers before pipelines were versioned DAGs: their class is gone
      for (JobKey legacy : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(LEGACY_GROUP))) {
        scheduler.deleteJob(legacy);
      }
      for (PipelineCatalog.Pipeline pipeline : catalog.all()) {
        register(pipeline);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot register the schedules with Quartz: " + e.getMessage(), e);
    }
  }

  private void register(PipelineCatalog.Pipeline pipeline) throws SchedulerException {
    PipelineDefinition definition = pipeline.definition();
    TriggerKey key = triggerKey(definition.name());
    Trigger existing = scheduler.getTrigger(key);
    if (definition.schedule().isEmpty()) {
      if (existing != null) {
        scheduler.unscheduleJob(key);
        log.info("pipeline {} is no longer scheduled", definition.name());
      }
      return;
    }
    Schedule schedule = definition.schedule().get();
    if (existing != null && schedule.toString().equals(existing.getJobDataMap().getString(SCHEDULE))) {
      return;
    }
    JobDetail job = JobBuilder.newJob(ScheduleTickJob.class)
        .withIdentity(jobKey(definition.name()))
        .withDescription("schedule of pipeline " + definition.name())
        .usingJobData(ScheduleTickJob.PIPELINE, definition.name())
        .storeDurably()
        .requestRecovery()
        .build();
    scheduler.addJob(job, true);
    Optional<Instant> next = schedule.next(Instant.now());
    if (next.isEmpty()) {
      if (existing != null) {
        scheduler.unscheduleJob(key);
      }
      return;
    }
    Trigger trigger = trigger(definition.name(), schedule, next.get());
    if (existing == null) {
      scheduler.scheduleJob(trigger);
    } else {
      scheduler.rescheduleJob(key, trigger);
    }
    if (pipeline.paused()) {
      scheduler.pauseTrigger(key);
    }
    log.info("pipeline {} scheduled {}: next {}", definition.name(), schedule, next.get());
  }

  /** Moves the pipeline's trigger to its first fire time after {@code after}. */
  void scheduleAfter(String pipeline, Instant after) {
    Optional<PipelineCatalog.Pipeline> current = catalog.find(pipeline);
    if (current.isEmpty() || current.get().definition().schedule().isEmpty()) {
      return;
    }
    Schedule schedule = current.get().definition().schedule().get();
    Optional<Instant> next = schedule.next(after);
    try {
      if (next.isEmpty()) {
        scheduler.unscheduleJob(triggerKey(pipeline));
        return;
      }
      Trigger trigger = trigger(pipeline, schedule, next.get());
      if (scheduler.getTrigger(trigger.getKey()) == null) {
        scheduler.scheduleJob(trigger);
      } else {
        scheduler.rescheduleJob(trigger.getKey(), trigger);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot move the schedule of " + pipeline + " on: " + e.getMessage(), e);
    }
  }

  private static Trigger trigger(String pipeline, Schedule schedule, Instant fireTime) {
    return TriggerBuilder.newTrigger()
        .withIdentity(triggerKey(pipeline))
        .forJob(jobKey(pipeline))
        .withDescription("next fire time of pipeline " + pipeline)
        .usingJobData(ScheduleTickJob.FIRE_TIME, fireTime.toString())
        .usingJobData(SCHEDULE, schedule.toString())
        .startAt(Date.from(fireTime))
        // a late firing still fires (once): ScheduledRuns applies the pipeline's own misfire policy
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }

  @Override
  public Optional<Instant> nextFireTime(String pipeline) {
    try {
      Trigger trigger = scheduler.getTrigger(triggerKey(pipeline));
      if (trigger == null || scheduler.getTriggerState(trigger.getKey()) == Trigger.TriggerState.PAUSED) {
        return Optional.empty();
      }
      return Optional.of(Instant.parse(trigger.getJobDataMap().getString(ScheduleTickJob.FIRE_TIME)));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the schedule of pipeline " + pipeline + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void setPaused(String pipeline, boolean paused) {
    try {
      if (paused) {
        scheduler.pauseTrigger(triggerKey(pipeline));
      } else {
        scheduler.resumeTrigger(triggerKey(pipeline));
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot " + (paused ? "pause" : "resume") + " the schedule of " + pipeline
          + ": " + e.getMessage(), e);
    }
  }

  static JobKey jobKey(String pipeline) {
    return JobKey.jobKey(pipeline, GROUP);
  }

  static TriggerKey triggerKey(String pipeline) {
    return TriggerKey.triggerKey(pipeline, GROUP);
  }
}
