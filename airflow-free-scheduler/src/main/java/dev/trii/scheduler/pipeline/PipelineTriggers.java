package dev.trii.scheduler.pipeline;

import java.time.Instant;
import java.util.Optional;

/** The clock underneath schedules (Quartz): when a pipeline fires next, and pausing its schedule. */
public interface PipelineTriggers {

  /** When the pipeline's schedule fires next; empty when it has none or is paused. */
  Optional<Instant> nextFireTime(String pipeline);

  /** Stops or restarts the pipeline's schedule (fire times missed while paused follow its misfire policy). */
  void setPaused(String pipeline, boolean paused);
}
