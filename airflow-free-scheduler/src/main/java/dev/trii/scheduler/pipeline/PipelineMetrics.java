package dev.trii.scheduler.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scheduler metrics through Micrometer (Prometheus names in brackets):
 * <ul>
 *   <li>{@code trii.pipeline.runs} [{@code trii_pipeline_runs_total}] and {@code trii.pipeline.run.duration}
 *       [{@code trii_pipeline_run_duration_seconds}], by pipeline and outcome;</li>
 *   <li>{@code trii.pipeline.task.duration} [{@code trii_pipeline_task_duration_seconds}], a histogram by pipeline,
 *       task and outcome: each task from its start to its end, retries included;</li>
 *   <li>{@code trii.pipeline.task.retries}, {@code trii.pipeline.sla.misses}, {@code trii.pipeline.task.timeouts}
 *       by pipeline and task, and {@code trii.pipeline.run.recoveries} by pipeline;</li>
 *   <li>{@code trii.pipeline.queue.depth} [{@code trii_pipeline_queue_depth}]: runs waiting, by pipeline and lane;</li>
 *   <li>{@code trii.pipeline.queue.wait}: from queued to claimed by a node;</li>
 *   <li>{@code trii.pipeline.task.handoff}: from the moment a task could start (its last dependency ended, or its
 *       run was claimed) to its job starting.</li>
 * </ul>
 */
public final class PipelineMetrics {

  private final MeterRegistry registry;
  private final MultiGauge queueDepth;

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.queueDepth = MultiGauge.builder("trii.pipeline.queue.depth")
        .description("Pipeline runs waiting for a scheduler node, by pipeline and lane (scheduled or backfill)")
        .register(registry);
  }

  public void runEnded(String pipeline, RunStatus outcome, Duration duration) {
    String tag = outcome.name().toLowerCase(Locale.ROOT);
    Counter.builder("trii.pipeline.runs")
        .description("Pipeline runs that ended, by pipeline and outcome")
        .tag("pipeline", pipeline)
        .tag("outcome", tag)
        .register(registry)
        .increment();
    Timer.builder("trii.pipeline.run.duration")
        .description("Wall time of pipeline runs from start to end, by pipeline and outcome")
        .tag("pipeline", pipeline)
        .tag("outcome", tag)
        .register(registry)
        .record(duration);
  }

  /** Histogram buckets of task durations: from quick checks to training that runs for hours. */
  private static final Duration[] TASK_BUCKETS = Stream.of(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600)
      .map(Duration::ofSeconds).toArray(Duration[]::new);

  /** A task ended, with all its attempts: {@code outcome} is SUCCEEDED or FAILED. */
  public void taskEnded(String pipeline, String task, TaskStatus outcome, Duration duration) {
    Timer.builder("trii.pipeline.task.duration")
        .description("Wall time of pipeline tasks from start to end, retries included, by pipeline, task and outcome")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .serviceLevelObjectives(TASK_BUCKETS)
        .register(registry)
        .record(duration);
  }

  /** A failed task is tried again (automatically, after its backoff). */
  public void taskRetried(String pipeline, String task) {
    count("trii.pipeline.task.retries", "Automatic retries of failed tasks", pipeline, task);
  }

  public void slaMissed(String pipeline, String task) {
    count("trii.pipeline.sla.misses", "Tasks that ran past their SLA", pipeline, task);
  }

  public void taskTimedOut(String pipeline, String task) {
    count("trii.pipeline.task.timeouts", "Task attempts stopped at their timeout", pipeline, task);
  }

  public void runRecovered(String pipeline) {
    Counter.builder("trii.pipeline.run.recoveries")
        .description("Runs taken back from a scheduler node that stopped heartbeating")
        .tag("pipeline", pipeline)
        .register(registry)
        .increment();
  }

  public void queueWait(String pipeline, Duration wait) {
    Timer.builder("trii.pipeline.queue.wait")
        .description("Time from a run being queued to a node claiming it")
        .tag("pipeline", pipeline)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(wait);
  }

  public void taskHandoff(String pipeline, Duration handoff) {
    Timer.builder("trii.pipeline.task.handoff")
        .description("Time from a task being ready to run to its job starting")
        .tag("pipeline", pipeline)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(handoff);
  }

  /** Replaces the queue-depth readings: pipeline to lane to runs waiting. */
  public void queueDepth(Map<String, Map<String, Integer>> depth) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    depth.forEach((pipeline, lanes) -> lanes.forEach((lane, count) ->
        rows.add(MultiGauge.Row.of(Tags.of("pipeline", pipeline, "lane", lane), count))));
    queueDepth.register(rows, true);
  }

  private void count(String name, String description, String pipeline, String task) {
    Counter.builder(name)
        .description(description + ", by pipeline and task")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .register(registry)
        .increment();
  }
}
