package dev.trii.scoring.predict;

/** The served model needs features this server's feature set does not compute, so it cannot score a symbol. */
public final class FeatureSetMismatchException extends RuntimeException {

  public FeatureSetMismatchException(String message) {
    super(message);
  }
}
