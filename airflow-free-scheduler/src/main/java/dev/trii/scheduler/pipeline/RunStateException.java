package dev.trii.scheduler.pipeline;

/** The run is not in a state that allows the request, e.g. a retry of a run that did not fail (HTTP 409). */
public final class RunStateException extends RuntimeException {

  public RunStateException(String message) {
    super(message);
  }
}
