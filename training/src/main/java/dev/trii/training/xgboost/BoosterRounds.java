package dev.trii.training.xgboost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Cuts a model in XGBoost's JSON format down to its first rounds: what Python's {@code booster[:n]} does through
 * XGBoost's C API, which XGBoost4J does not expose. The first {@code n} trees of a longer run are the trees an
 * {@code n}-round run grows (same data, parameters and seed: the sampling draws come in the same order), so the cut
 * model, loaded and saved again, has the bytes of an {@code n}-round training ({@code XGBoostTrainerTest} checks
 * it) without boosting those rounds a second time. The early-stopping attributes are dropped with the extra trees.
 */
final class BoosterRounds {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BoosterRounds() {}

  /**
   * The model with only its first {@code rounds} trees.
   *
   * @throws IllegalArgumentException when the JSON is not a single-tree-per-round gbtree model with that many rounds
   */
  static byte[] first(byte[] modelJson, int rounds) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(modelJson);
      ObjectNode learner = (ObjectNode) root.required("learner");
      if (learner.get("attributes") instanceof ObjectNode attributes) {
        attributes.remove("best_iteration");
        attributes.remove("best_score");
      }
      ObjectNode model = (ObjectNode) learner.required("gradient_booster").required("model");
      ObjectNode params = (ObjectNode) model.required("gbtree_model_param");
      if (!"1".equals(params.path("num_parallel_tree").asText())) {
        throw new IllegalArgumentException("only one tree per round can be cut, the model has "
            + params.path("num_parallel_tree").asText());
      }
      ArrayNode trees = (ArrayNode) model.required("trees");
      if (rounds < 1 || rounds > trees.size()) {
        throw new IllegalArgumentException("cannot keep " + rounds + " of " + trees.size() + " rounds");
      }
      truncate(trees, rounds);
      truncate((ArrayNode) model.required("tree_info"), rounds);
      truncate((ArrayNode) model.required("iteration_indptr"), rounds + 1);
      params.put("num_trees", String.valueOf(rounds));
      return JSON.writeValueAsBytes(root);
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
    }
  }

  private static void truncate(ArrayNode array, int size) {
    while (array.size() > size) {
      array.remove(array.size() - 1);
    }
  }

}
