package dev.trii.scheduler.pipeline;

import java.time.Instant;
import java.util.Optional;

/** The scheduler underneath pipelines (Quartz): fires a queued run now and tells when a pipeline fires next. */
public interface PipelineTriggers {

  /**
   * Hands a queued run to the scheduler, which runs it as soon as no other run of the same pipeline is running.
   *
   * @throws PipelineLaunchException when the scheduler refuses it
   */
  void fireNow(String pipeline, long runId);

  /** When the pipeline's cron trigger fires next; empty when it has none. */
  Optional<Instant> nextFireTime(String pipeline);
}
