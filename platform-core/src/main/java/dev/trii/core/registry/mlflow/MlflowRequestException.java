package dev.trii.core.registry.mlflow;

import dev.trii.core.config.TriiException;

/**
 * An MLflow tracking server refused a request: the HTTP status and MLflow's {@code error_code}
 * (e.g. {@code RESOURCE_DOES_NOT_EXIST}, {@code INVALID_PARAMETER_VALUE}), with the server's message.
 */
public class MlflowRequestException extends TriiException {

  private final int status;
  private final String errorCode;

  public MlflowRequestException(String message, int status, String errorCode, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** MLflow's {@code error_code}, or empty when the answer carried none (not an MLflow error body). */
  public String errorCode() {
    return errorCode;
  }

  boolean is(String code) {
    return code.equals(errorCode);
  }
}
