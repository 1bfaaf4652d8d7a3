package dev.trii.core.model.trees;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads XGBoost's JSON model format (the {@code model.json} training saves) into a {@link TreeEnsemble}, and refuses
 * what the Java evaluator does not evaluate as XGBoost does: a booster other than {@code gbtree} (including trees
 * trained with dropout, DART, whose trees carry weights), an objective other than {@code binary:logistic},
 * categorical features or splits, multi-target trees, a base score of more than one value, and node arrays that are
 * missing, of other lengths than the tree's node count, or that do not form a tree.
 */
public final class XGBoostJsonReader {

  /** Floats kept as their decimal text, so that each parses straight to the float32 XGBoost wrote. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private XGBoostJsonReader() {}

  /**
   * The model's trees.
   *
   * @throws UnsupportedModelException saying what the Java evaluator does not evaluate, or what is missing or
   *     inconsistent in the file
   */
  public static TreeEnsemble read(byte[] modelJson) {
    JsonNode learner = field(parse(modelJson), "learner", "the file");
    String objective = field(field(learner, "objective", "learner"), "name", "learner.objective").asText();
    if (!objective.equals("binary:logistic")) {
      throw new UnsupportedModelException("objective " + objective + ": only binary:logistic is evaluated in Java");
    }
    JsonNode booster = field(learner, "gradient_booster", "learner");
    String boosterName = field(booster, "name", "learner.gradient_booster").asText();
    if (!boosterName.equals("gbtree")) {
      throw new UnsupportedModelException("booster " + boosterName + ": only gbtree is evaluated in Java");
    }
    JsonNode params = field(learner, "learner_model_param", "learner");
    requireOneOutput(params);
    int featureCount = integer(field(params, "num_feature", "learner.learner_model_param"),
        "learner.learner_model_param.num_feature");
    float baseMargin = Logistic.logit(baseScore(field(params, "base_score", "learner.learner_model_param")));
    requireNoCategories(learner);
    JsonNode model = field(booster, "model", "learner.gradient_booster");
    if (model.has("weight_drop")) {
      throw new UnsupportedModelException("trees trained with dropout (DART) carry weights: not evaluated in Java");
    }
    return new TreeEnsemble(featureCount, baseMargin, trees(model, featureCount));
  }

  private static JsonNode parse(byte[] modelJson) {
    try {
      return JSON.readTree(modelJson);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      throw new UnsupportedModelException("not an XGBoost JSON model: " + message.lines().findFirst().orElse(message),
          e);
    }
  }

  private static void requireOneOutput(JsonNode params) {
    String classes = params.path("num_class").asText("0");
    if (!classes.equals("0")) {
      throw new UnsupportedModelException("a model of " + classes + " classes: only one output is evaluated in Java");
    }
    String targets = params.path("num_target").asText("1");
    if (!targets.equals("1")) {
      throw new UnsupportedModelException("a model of " + targets + " targets: only one output is evaluated in Java");
    }
  }

  /** XGBoost 3 writes the base score as a vector, {@code "[5E-1]"}; older versions as a number, {@code "5E-1"}. */
  private static float baseScore(JsonNode node) {
    String text = node.asText().trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    if (text.contains(",")) {
      throw new UnsupportedModelException("a base score of several values (" + node.asText()
          + "): only one output is evaluated in Java");
    }
    float score;
    try {
      score = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new UnsupportedModelException("base score " + node.asText() + " is not a number", e);
    }
    if (!(score > 0 && score < 1)) {
      throw new UnsupportedModelException("base score " + score + " is not a probability in (0, 1)");
    }
    return score;
  }

  private static void requireNoCategories(JsonNode learner) {
    for (JsonNode type : learner.path("feature_types")) {
      if (type.asText().equals("c")) {
        throw new UnsupportedModelException("categorical features: not evaluated in Java");
      }
    }
    JsonNode encodings = learner.path("gradient_booster").path("model").path("cats").path("enc");
    if (encodings.size() > 0) {
      throw new UnsupportedModelException("categorical features: not evaluated in Java");
    }
  }

  private static List<DecisionTree> trees(JsonNode model, int featureCount) {
    JsonNode trees = field(model, "trees", "the gbtree model");
    JsonNode groups = field(model, "tree_info", "the gbtree model");
    if (!trees.isArray() || !groups.isArray() || trees.size() != groups.size()) {
      throw new UnsupportedModelException("the gbtree model's trees and tree_info are not arrays of one length");
    }
    String declared = model.path("gbtree_model_param").path("num_trees").asText();
    if (!declared.equals(String.valueOf(trees.size()))) {
      throw new UnsupportedModelException("the gbtree model declares " + declared + " trees but holds "
          + trees.size());
    }
    List<DecisionTree> read = new ArrayList<>(trees.size());
    for (int i = 0; i < trees.size(); i++) {
      if (groups.get(i).asInt(-1) != 0) {
        throw new UnsupportedModelException("tree " + i + " adds to output " + groups.get(i)
            + ": only one output is evaluated in Java");
      }
      read.add(tree(trees.get(i), i, featureCount));
    }
    return read;
  }

  private static DecisionTree tree(JsonNode tree, int index, int featureCount) {
    String where = "tree " + index;
    JsonNode param = field(tree, "tree_param", where);
    // XGBoost writes 1 (0 before 2.0) for trees of one value per leaf
    int leafSize = param.has("size_leaf_vector") ? integer(param.get("size_leaf_vector"), where + " size_leaf_vector")
        : 1;
    if (leafSize > 1) {
      throw new UnsupportedModelException(where + " is a multi-target tree (" + leafSize
          + " values per leaf): not evaluated in Java");
    }
    for (JsonNode type : tree.path("split_type")) {
      if (type.asInt() != 0) {
        throw new UnsupportedModelException(where + " has categorical splits: not evaluated in Java");
      }
    }
    if (tree.path("categories").size() > 0) {
      throw new UnsupportedModelException(where + " has categorical splits: not evaluated in Java");
    }
    int nodes = integer(field(param, "num_nodes", where + " tree_param"), where + " num_nodes");
    int[] splitFeature = new int[nodes];
    float[] thresholdOrValue = new float[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    boolean[] defaultLeft = new boolean[nodes];
    JsonNode features = nodeArray(tree, "split_indices", nodes, where);
    JsonNode conditions = nodeArray(tree, "split_conditions", nodes, where);
    JsonNode lefts = nodeArray(tree, "left_children", nodes, where);
    JsonNode rights = nodeArray(tree, "right_children", nodes, where);
    JsonNode defaults = nodeArray(tree, "default_left", nodes, where);
    for (int node = 0; node < nodes; node++) {
      String at = where + " node " + node;
      splitFeature[node] = integer(features.get(node), at + " split_indices");
      thresholdOrValue[node] = float32(conditions.get(node), at + " split_conditions");
      left[node] = integer(lefts.get(node), at + " left_children");
      right[node] = integer(rights.get(node), at + " right_children");
      defaultLeft[node] = flag(defaults.get(node), at + " default_left");
    }
    try {
      return new DecisionTree(splitFeature, thresholdOrValue, left, right, defaultLeft, featureCount);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedModelException(where + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode field(JsonNode parent, String name, String where) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new UnsupportedModelException(where + " has no " + name);
    }
    return node;
  }

  private static JsonNode nodeArray(JsonNode tree, String name, int nodes, String where) {
    JsonNode array = field(tree, name, where);
    if (!array.isArray() || array.size() != nodes) {
      throw new UnsupportedModelException(where + ": " + name + " holds " + (array.isArray() ? array.size() : 0)
          + " values for " + nodes + " nodes");
    }
    return array;
  }

  /** An integer, written as a JSON number or (XGBoost's parameters) as a string. */
  private static int integer(JsonNode node, String what) {
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    if (node.isTextual()) {
      try {
        return Integer.parseInt(node.asText());
      } catch (NumberFormatException e) {
        throw new UnsupportedModelException(what + " is not an integer: " + node, e);
      }
    }
    throw new UnsupportedModelException(what + " is not an integer: " + node);
  }

  private static float float32(JsonNode node, String what) {
    if (!node.isNumber()) {
      throw new UnsupportedModelException(what + " is not a number: " + node);
    }
    return Float.parseFloat(node.asText());
  }

  private static boolean flag(JsonNode node, String what) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && (node.intValue() == 0 || node.intValue() == 1)) {
      return node.intValue() == 1;
    }
    throw new UnsupportedModelException(what + " is neither 0 nor 1: " + node);
  }
}
