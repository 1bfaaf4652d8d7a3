package dev.trii.scheduler.console;

/** A request to the console the client must fix (HTTP 400). */
final class InvalidInputException extends RuntimeException {

  InvalidInputException(String message) {
    super(message);
  }

  /** A service call whose IllegalArgumentException means the request was wrong: it becomes this (HTTP 400). */
  static <T> T whenRefused(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage());
    }
  }
}
