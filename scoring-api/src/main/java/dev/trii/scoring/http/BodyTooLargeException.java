package dev.trii.scoring.http;

/** A request body over the configured limit (HTTP 413). */
final class BodyTooLargeException extends RuntimeException {

  BodyTooLargeException(long limit) {
    super("request body is larger than " + limit + " bytes");
  }
}
