package dev.trii.core.model.trees;

/**
 * A model the Java evaluator does not evaluate: another booster or objective, a kind of split or leaf it does not
 * know, or a model file that does not describe its trees consistently. Not an error for serving: XGBoost4J serves
 * such a model.
 */
public final class UnsupportedModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UnsupportedModelException(String message) {
    super(message);
  }

  public UnsupportedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
