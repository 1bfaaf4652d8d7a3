package dev.trii.scoring.predict;

import java.util.Map;

/** A prediction request the client must fix (HTTP 400); the details name the offending fields. */
public final class InvalidRequestException extends RuntimeException {

  private final Map<String, Object> details;

  public InvalidRequestException(String message) {
    this(message, Map.of());
  }

  public InvalidRequestException(String message, Map<String, Object> details) {
    super(message);
    this.details = Map.copyOf(details);
  }

  /** The same problem, placed in row {@code row} (from 0) of a batch. */
  public InvalidRequestException inRow(int row) {
    java.util.Map<String, Object> placed = new java.util.LinkedHashMap<>(details);
    placed.put("row", row);
    return new InvalidRequestException("row " + row + ": " + getMessage(), placed);
  }

  /** Extra fields for the error body, e.g. {@code missing_features}. */
  public Map<String, Object> details() {
    return details;
  }
}
