package dev.trii.scoring.model;

/** A model version that cannot be served: missing artifact, checksum mismatch, unreadable model or metadata. */
public final class ModelLoadException extends RuntimeException {

  private final int version;

  public ModelLoadException(int version, String message) {
    super(message);
    this.version = version;
  }

  public ModelLoadException(int version, String message, Throwable cause) {
    super(message, cause);
    this.version = version;
  }

  /** The registry version that failed to load. */
  public int version() {
    return version;
  }
}
