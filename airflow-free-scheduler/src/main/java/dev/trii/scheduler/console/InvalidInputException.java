package dev.trii.scheduler.console;

/** A request to the console the client must fix (HTTP 400). */
final class InvalidInputException extends RuntimeException {

  InvalidInputException(String message) {
    super(message);
  }
}
