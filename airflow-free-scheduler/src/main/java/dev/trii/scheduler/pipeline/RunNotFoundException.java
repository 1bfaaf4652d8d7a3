package dev.trii.scheduler.pipeline;

/** No pipeline run has the requested id (HTTP 404). */
public final class RunNotFoundException extends RuntimeException {

  public RunNotFoundException(long runId) {
    super("no pipeline run " + runId);
  }
}
