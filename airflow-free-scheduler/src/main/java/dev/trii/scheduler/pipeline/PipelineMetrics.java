package dev.trii.scheduler.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Pipeline-run metrics through Micrometer: {@code trii.pipeline.runs} (counter) and {@code trii.pipeline.run.duration}
 * (timer), both by pipeline and outcome, and {@code trii.pipeline.task.retries} (counter) by pipeline and task;
 * Prometheus sees {@code trii_pipeline_runs_total}, {@code trii_pipeline_run_duration_seconds} and
 * {@code trii_pipeline_task_retries_total}.
 */
public final class PipelineMetrics {

  private final MeterRegistry registry;

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void runEnded(String pipeline, RunStatus outcome, Duration duration) {
    String tag = outcome.name().toLowerCase(java.util.Locale.ROOT);
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

  /** A failed task is tried again (automatically, after its backoff). */
  public void taskRetried(String pipeline, String task) {
    Counter.builder("trii.pipeline.task.retries")
        .description("Automatic retries of failed tasks, by pipeline and task")
        .tag("pipeline", pipeline)
        .tag("task", task)
        .register(registry)
        .increment();
  }
}
