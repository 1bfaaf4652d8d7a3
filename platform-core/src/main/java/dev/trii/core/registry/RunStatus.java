package dev.trii.core.registry;

/** Final state of a run, named as MLflow names them. */
public enum RunStatus {
  RUNNING,
  FINISHED,
  FAILED,
  KILLED
}
