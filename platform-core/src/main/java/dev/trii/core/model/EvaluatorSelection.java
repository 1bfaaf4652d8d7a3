package dev.trii.core.model;

import dev.trii.core.model.trees.TreeEnsemble;
import dev.trii.core.model.trees.UnsupportedModelException;
import java.util.Locale;
import java.util.function.Function;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Chooses the evaluator of a model being loaded: the Java trees when they read the model and pass the
 * {@link LoadTimeProof} against the loaded booster, else XGBoost4J; either way with the reason. The Java evaluator is
 * an optimisation: whatever goes wrong with it leaves XGBoost4J serving, never fails the load.
 */
final class EvaluatorSelection {

  /**
   * The choice and, when the Java evaluator serves, its trees.
   *
   * @param javaTrees the trees that serve; null when XGBoost4J serves
   */
  record Chosen(TreeEnsemble javaTrees, EvaluatorChoice choice) {}

  private EvaluatorSelection() {}

  /**
   * The evaluator of the model the booster loaded from {@code modelJson}.
   *
   * @param reader reads the model file's trees, refusing with {@link UnsupportedModelException}
   * @param features the number of features the booster takes
   */
  static Chosen choose(byte[] modelJson, Booster booster, int features, Function<byte[], TreeEnsemble> reader) {
    try {
      return chooseOrFail(modelJson, booster, features, reader);
    } catch (RuntimeException e) {
      return xgboost4j("the Java evaluator failed on this model: " + e.getClass().getSimpleName() + ": "
          + firstLine(e), null);
    }
  }

  private static Chosen chooseOrFail(byte[] modelJson, Booster booster, int features,
      Function<byte[], TreeEnsemble> reader) {
    TreeEnsemble trees;
    try {
      trees = reader.apply(modelJson);
    } catch (UnsupportedModelException e) {
      return xgboost4j("the Java evaluator does not evaluate this model: " + e.getMessage(), null);
    }
    if (trees.featureCount() != features) {
      return xgboost4j("the Java evaluator read " + trees.featureCount() + " features, XGBoost4J " + features, null);
    }
    LoadTimeProof proof;
    try {
      proof = LoadTimeProof.run(trees, booster);
    } catch (XGBoostError e) {
      return xgboost4j("no load-time proof: XGBoost4J failed to score the probe rows: " + firstLine(e), null);
    }
    String found = String.format(Locale.ROOT, "%d probe rows, largest probability difference %.3g (tolerance %.0e)",
        proof.rows(), proof.maxDifference(), LoadTimeProof.TOLERANCE);
    if (!proof.passed()) {
      return xgboost4j("the Java evaluator differs from XGBoost4J: " + found, proof);
    }
    return new Chosen(trees, new EvaluatorChoice(EvaluatorChoice.JAVA_TREES,
        "proved equal to XGBoost4J at load: " + found, proof.rows(), proof.maxDifference()));
  }

  private static Chosen xgboost4j(String reason, LoadTimeProof proof) {
    return new Chosen(null, new EvaluatorChoice(EvaluatorChoice.XGBOOST4J, reason, proof == null ? 0 : proof.rows(),
        proof == null ? Double.NaN : proof.maxDifference()));
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
