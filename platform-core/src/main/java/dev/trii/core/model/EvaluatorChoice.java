package dev.trii.core.model;

/**
 * Which evaluator scores a loaded model's requests, and why: {@value #JAVA_TREES}, the model's trees walked in plain
 * Java ({@link dev.trii.core.model.trees.TreeEnsemble}), when they read the model and proved equal to XGBoost4J when
 * it was loaded; otherwise {@value #XGBOOST4J}, the reference.
 *
 * @param name {@value #JAVA_TREES} or {@value #XGBOOST4J}
 * @param reason why, in words: what the Java evaluator refused, or what the load-time proof found
 * @param proofRows the probe rows the load-time proof scored with both; 0 when no proof ran
 * @param maxDifference the largest absolute difference of probabilities the proof found; NaN when no proof ran
 */
public record EvaluatorChoice(String name, String reason, int proofRows, double maxDifference) {

  /** The model's trees walked in plain Java. */
  public static final String JAVA_TREES = "java-trees";
  /** XGBoost's own predictor, through XGBoost4J: the reference, and the fallback. */
  public static final String XGBOOST4J = "xgboost4j";

  /** Whether the Java evaluator serves. */
  public boolean javaTrees() {
    return JAVA_TREES.equals(name);
  }
}
