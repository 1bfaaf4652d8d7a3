package dev.trii.scheduler.pipeline;

import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a schedule's fire times into CRON runs, exactly once each: a run's idempotency key is its fire time, so a
 * firing repeated by Quartz's recovery (or by two nodes) queues nothing new. A fire time handled later than the
 * misfire threshold, and the fire times missed after it (the scheduler was down, or the pipeline paused), follow the
 * pipeline's misfire policy: {@code run_once} queues the latest, {@code catch_up} all of them oldest first,
 * {@code skip} none.
 */
public final class ScheduledRuns {

  private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);
  /** Most runs one catch-up queues. */
  static final int MAX_CATCH_UP = 1000;

  private final PipelineCatalog catalog;
  private final PipelineRunRepository runs;
  private final PipelineEvents events;
  private final RunDispatcher dispatcher;
  private final Duration misfireThreshold;

  public ScheduledRuns(PipelineCatalog catalog, PipelineRunRepository runs, PipelineEvents events,
      RunDispatcher dispatcher, Duration misfireThreshold) {
    this.catalog = catalog;
    this.runs = runs;
    this.events = events;
    this.dispatcher = dispatcher;
    this.misfireThreshold = misfireThreshold;
  }

  /**
   * The schedule fired for {@code fireTime}, handled at {@code now}: queues what the misfire policy says.
   *
   * @return the latest fire time handled, after which the schedule goes on
   */
  public Instant fired(String pipeline, Instant fireTime, Instant now) {
    PipelineCatalog.Pipeline current = catalog.find(pipeline).orElse(null);
    if (current == null || current.definition().schedule().isEmpty()) {
      return now;
    }
    PipelineDefinition definition = current.definition();
    Schedule schedule = definition.schedule().get();
    List<Instant> due = new ArrayList<>(List.of(fireTime));
    for (Instant next = schedule.next(fireTime).orElse(null); next != null && !next.isAfter(now)
        && due.size() <= MAX_CATCH_UP; next = schedule.next(next).orElse(null)) {
      due.add(next);
    }
    Instant last = due.get(due.size() - 1);
    boolean late = Duration.between(fireTime, now).compareTo(misfireThreshold) > 0;
    List<Instant> toRun = !late ? due : switch (schedule.misfire()) {
      case RUN_ONCE -> List.of(last);
      case CATCH_UP -> due.subList(0, Math.min(due.size(), MAX_CATCH_UP));
      case SKIP -> List.of();
    };
    if (late) {
      log.warn("pipeline {}: {} fire time(s) from {} to {} missed; misfire policy {} queues {}", pipeline, due.size(),
          fireTime, last, schedule.misfire().yamlName(), toRun.size());
      if (toRun.size() < due.size()) {
        events.record(pipeline, null, null, PipelineEvents.Kind.MISFIRE_SKIPPED, "scheduler",
            (due.size() - toRun.size()) + " missed fire time(s) from " + fireTime + " to " + last + " not run (misfire "
                + schedule.misfire().yamlName() + ")");
      }
    }
    for (Instant time : toRun) {
      PipelineRunRepository.Queued queued = runs.createQueued(new PipelineRunRepository.NewRun(definition,
          TriggerKind.CRON, "schedule", definition.resolveParameters(Map.of()), schedule.intervalEndingAt(time),
          "cron:" + time));
      if (!queued.created()) {
        log.info("pipeline {}: fire time {} was queued before (run {}): not queued again", pipeline, time,
            queued.runId());
      }
    }
    dispatcher.wake();
    return last;
  }
}
