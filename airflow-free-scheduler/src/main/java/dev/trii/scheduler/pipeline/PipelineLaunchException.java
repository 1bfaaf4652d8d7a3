package dev.trii.scheduler.pipeline;

/** A run was recorded but could not be handed to Quartz; the run is marked FAILED with this reason. */
public final class PipelineLaunchException extends RuntimeException {

  public PipelineLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
