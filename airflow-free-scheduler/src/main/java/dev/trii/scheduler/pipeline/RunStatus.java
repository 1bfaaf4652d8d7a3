package dev.trii.scheduler.pipeline;

/** Where a pipeline run is: waiting for a scheduler node, running its tasks, or done. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
