package dev.trii.scoring.model;

/** Thrown when a request needs the champion model but none is loaded yet; the HTTP layer answers 503. */
public final class NoModelException extends RuntimeException {

  public NoModelException(String message) {
    super(message);
  }
}
