package dev.trii.core.config;

/**
 * A problem the user can fix (bad configuration, an unreachable service), carrying one line that says
 * what is wrong and which setting to change. Entry points print the message alone, without a stack trace.
 */
public class TriiException extends RuntimeException {

  public TriiException(String message) {
    super(message);
  }

  public TriiException(String message, Throwable cause) {
    super(message, cause);
  }
}
