package dev.trii.scheduler.pipeline;

import dev.trii.scheduler.definition.DataInterval;
import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the job console offers: the pipelines, runs on request, retries, pause and resume, backfills, and the
 * recorded runs and events. Every change names the authenticated actor who made it.
 */
public class PipelineService {

  /** Most runs one backfill may queue. */
  public static final int MAX_BACKFILL_RUNS = 10_000;

  private final PipelineCatalog catalog;
  private final PipelineRunRepository runs;
  private final PipelineEvents events;
  private final PipelineTriggers triggers;
  private final RunDispatcher dispatcher;
  private final PipelineRunner runner;

  public PipelineService(PipelineCatalog catalog, PipelineRunRepository runs, PipelineEvents events,
      PipelineTriggers triggers, RunDispatcher dispatcher, PipelineRunner runner) {
    this.runner = runner;
    this.catalog = catalog;
    this.runs = runs;
    this.events = events;
    this.triggers = triggers;
    this.dispatcher = dispatcher;
  }

  /** A pipeline with when its schedule fires next and its latest run. */
  public record PipelineSummary(PipelineCatalog.Pipeline pipeline, Optional<Instant> nextFireTime,
      Optional<PipelineRun> lastRun) {}

  public List<PipelineSummary> pipelines() {
    return catalog.all().stream().map(this::summary).toList();
  }

  /**
   * One pipeline with when it fires next and its latest run.
   *
   * @throws UnknownPipelineException when the pipeline is not defined
   */
  public PipelineSummary summary(String name) {
    return summary(catalog.require(name));
  }

  private PipelineSummary summary(PipelineCatalog.Pipeline pipeline) {
    return new PipelineSummary(pipeline, triggers.nextFireTime(pipeline.name()),
        runs.latest(pipeline.name(), 1).stream().findFirst());
  }


  /** A requested run, and whether this request created it (false: an earlier one with the same key did). */
  public record Requested(PipelineRun run, boolean created) {}

  /**
   * Queues a manual run of the pipeline's current version; with an idempotency key, a run the pipeline already has
   * for that key is returned as it is now and nothing new is queued.
   *
   * @param interval the data interval to recompute; null for none (the jobs do what is new)
   * @throws UnknownPipelineException when the pipeline is not defined
   * @throws IllegalArgumentException when a parameter is unknown, missing or of the wrong kind
   */
  public Requested requestRun(String pipeline, String actor, Map<String, String> parameters, String idempotencyKey,
      DataInterval interval) {
    PipelineDefinition definition = catalog.require(pipeline).definition();
    Map<String, String> resolved = definition.resolveParameters(parameters);
    PipelineRunRepository.Queued queued = runs.createQueued(new PipelineRunRepository.NewRun(definition,
        TriggerKind.MANUAL, actor, resolved, interval, idempotencyKey));
    // read before waking the dispatcher: a new run is answered as QUEUED, whatever happens next
    PipelineRun run = run(queued.runId());
    if (queued.created()) {
      dispatcher.wake();
    }
    return new Requested(run, queued.created());
  }

  /**
   * Retries a FAILED run by hand: it is queued again, its succeeded tasks are kept, and the failed task's job
   * execution is restarted from its failed step.
   *
   * @return the run as queued again
   * @throws RunNotFoundException when there is no such run
   * @throws RunStateException when the run is not FAILED
   */
  public PipelineRun retry(long runId, String actor) {
    PipelineRun run = run(runId);
    if (!runs.requeueFailed(runId)) {
      throw new RunStateException(run.definitionVersion() == 0 && run.status() == RunStatus.FAILED
          ? "run " + runId + " of " + run.pipeline() + " ran before pipelines were versioned: start a new run"
          : "run " + runId + " of " + run.pipeline() + " is " + run(runId).status()
              + ": only a FAILED run can be retried");
    }
    events.record(run.pipeline(), runId, null, PipelineEvents.Kind.RETRIED, actor,
        "queued again after: " + run.error());
    PipelineRun queued = run(runId);
    dispatcher.wake();
    return queued;
  }

  /**
   * Cancels a run: a QUEUED one ends FAILED at once; a RUNNING one starts no more tasks or retries, and its running
   * jobs are asked to stop (each at its next chunk boundary, on whichever node runs it).
   *
   * @return the run as it is now
   * @throws RunNotFoundException when there is no such run
   * @throws RunStateException when the run already ended
   */
  public PipelineRun cancel(long runId, String actor) {
    PipelineRun run = run(runId);
    if (runs.cancelQueued(runId, actor)) {
      events.record(run.pipeline(), runId, null, PipelineEvents.Kind.CANCELLED, actor, "cancelled while queued");
    } else if (runs.requestCancel(runId, actor)) {
      events.record(run.pipeline(), runId, null, PipelineEvents.Kind.CANCELLED, actor,
          "cancelled while running: its running jobs are asked to stop");
      runner.stopRunningJobs(runId);
    } else {
      throw new RunStateException("run " + runId + " of " + run.pipeline() + " is " + run(runId).status()
          + ": only a QUEUED or RUNNING run can be cancelled");
    }
    return run(runId);
  }

  /**
   * Pauses (or resumes) a pipeline: its schedule stops firing and its queued runs wait; resumed, the fire times it
   * missed follow its misfire policy.
   *
   * @return false when it already was in that state
   * @throws UnknownPipelineException when the pipeline is not defined
   */
  public boolean setPaused(String pipeline, boolean paused, String actor) {
    boolean changed = catalog.setPaused(pipeline, paused, actor);
    if (changed) {
      triggers.setPaused(pipeline, paused);
      events.record(pipeline, null, null, paused ? PipelineEvents.Kind.PAUSED : PipelineEvents.Kind.RESUMED, actor,
          null);
      dispatcher.wake();
    }
    return changed;
  }

  /** Which earlier runs a backfill runs again. */
  public enum Reprocess {
    /** Only intervals without a run. */
    NONE,
    /** Also intervals whose latest run failed. */
    FAILED,
    /** Every interval but those queued or running. */
    COMPLETED;

    public static Reprocess parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("reprocess must be none, failed or completed, got '" + value + "'");
      }
    }
  }

  /** A queued backfill: its id, the runs it queued and how many intervals it left alone. */
  public record Backfill(long backfillId, String pipeline, int queued, int skipped, List<DataInterval> intervals) {}

  /**
   * Queues one BACKFILL run for each data interval whose fire time falls on a date in {@code [from, to]} (in the
   * pipeline's zone; a pipeline without schedule has one interval per day), as {@code reprocess} says. Backfill runs
   * wait behind scheduled and manual ones and run at most {@code max_active_backfill_runs} at a time.
   *
   * @throws IllegalArgumentException for a bad range or one of more than {@value #MAX_BACKFILL_RUNS} intervals
   */
  public Backfill backfill(String pipeline, LocalDate from, LocalDate to, Reprocess reprocess, String actor) {
    PipelineDefinition definition = catalog.require(pipeline).definition();
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("backfill range ends (" + to + ") before it starts (" + from + ")");
    }
    List<DataInterval> all = intervals(definition, from, to);
    Map<Instant, RunStatus> existing = runs.latestStatusByIntervalEnd(pipeline,
        all.stream().map(DataInterval::end).toList());
    List<DataInterval> chosen = new ArrayList<>();
    for (DataInterval interval : all) {
      RunStatus latest = existing.get(interval.end());
      boolean run = latest == null
          || latest == RunStatus.FAILED && reprocess != Reprocess.NONE
          || latest == RunStatus.SUCCEEDED && reprocess == Reprocess.COMPLETED;
      if (run) {
        chosen.add(interval);
      }
    }
    long id = runs.createBackfill(definition, from, to, reprocess.name(), actor, chosen);
    events.record(pipeline, null, null, PipelineEvents.Kind.BACKFILL_QUEUED, actor, "backfill " + id + ": " + from
        + " .. " + to + ", reprocess " + reprocess.name().toLowerCase(Locale.ROOT) + ": " + chosen.size()
        + " runs queued, " + (all.size() - chosen.size()) + " intervals left as they are");
    dispatcher.wake();
    return new Backfill(id, pipeline, chosen.size(), all.size() - chosen.size(), chosen);
  }

  private static List<DataInterval> intervals(PipelineDefinition definition, LocalDate from, LocalDate to) {
    ZoneId zone = definition.schedule().map(Schedule::zone).orElse(ZoneOffset.UTC);
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    if (definition.schedule().isEmpty()) {
      long days = to.toEpochDay() - from.toEpochDay() + 1;
      if (days > MAX_BACKFILL_RUNS) {
        throw new IllegalArgumentException("a backfill may queue at most " + MAX_BACKFILL_RUNS + " runs");
      }
      List<DataInterval> daily = new ArrayList<>();
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        daily.add(new DataInterval(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()));
      }
      return daily;
    }
    Schedule schedule = definition.schedule().get();
    return schedule.fireTimes(start, end, MAX_BACKFILL_RUNS).stream().map(schedule::intervalEndingAt).toList();
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

  public List<PipelineRun> backfillRuns(long backfillId) {
    return runs.ofBackfill(backfillId);
  }

  /**
   * @throws UnknownPipelineException when the pipeline is not defined
   */
  public List<PipelineEvents.Event> events(String pipeline, int limit) {
    catalog.require(pipeline);
    return events.latest(pipeline, limit);
  }

  public List<PipelineEvents.Event> runEvents(long runId) {
    run(runId);
    return events.ofRun(runId);
  }
}
