package dev.trii.scheduler.pipeline;

/** Where one task (one Spring Batch job) of a pipeline run is; SKIPPED after an earlier task failed. */
public enum TaskStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED
}
