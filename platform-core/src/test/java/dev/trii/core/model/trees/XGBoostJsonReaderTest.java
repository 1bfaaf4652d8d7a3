package dev.trii.core.model.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trii.core.testing.XGBoostModels;
import dev.trii.core.testing.XGBoostModels.Rows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON reader takes what the Java evaluator evaluates exactly and refuses, saying what, every other model: real
 * models trained here with XGBoost4J, and hand-edited files for what XGBoost4J cannot train.
 */
class XGBoostJsonReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Rows rows;
  private static byte[] binaryModel;

  @BeforeAll
  static void train() {
    rows = XGBoostModels.rows(2_000, 0.05, 5);
    binaryModel = trained(Map.of(), 5);
  }

  @Test
  void readsABinaryLogisticTreeModel() {
    TreeEnsemble trees = XGBoostJsonReader.read(binaryModel);

    assertThat(trees.treeCount()).isEqualTo(5);
    assertThat(trees.featureCount()).isEqualTo(XGBoostModels.FEATURES);
  }

  @Test
  void readsTheBaseScoreWrittenAsANumberOrAsAVectorOfOne() {
    TreeEnsemble asVector = XGBoostJsonReader.read(edited(binaryModel, model -> params(model).put("base_score",
        "[2.5E-1]")));
    TreeEnsemble asNumber = XGBoostJsonReader.read(edited(binaryModel, model -> params(model).put("base_score",
        "2.5E-1")));
    TreeEnsemble atOneHalf = XGBoostJsonReader.read(edited(binaryModel, model -> params(model).put("base_score",
        "5E-1")));
    float[] row = rows.row(0);

    assertThat(asNumber.margin(row)).isEqualTo(asVector.margin(row));
    // logit(0.25) = -ln 3, logit(0.5) = 0: the base margins differ by ln 3
    assertThat((double) atOneHalf.margin(row) - asVector.margin(row)).isCloseTo(Math.log(3), within(1e-6));
  }

  @Test
  void refusesTreesTrainedWithDropout() {
    byte[] dart = trained(Map.of("booster", "dart", "rate_drop", 0.3, "one_drop", 1), 5);

    assertThatThrownBy(() -> XGBoostJsonReader.read(dart))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("DART");
  }

  @Test
  void refusesADartBoosterByName() {
    byte[] dart = edited(binaryModel, model -> booster(model).put("name", "dart"));

    assertThatThrownBy(() -> XGBoostJsonReader.read(dart))
        .isInstanceOf(UnsupportedModelException.class).hasMessage("booster dart: only gbtree is evaluated in Java");
  }

  @Test
  void refusesALinearBooster() {
    byte[] linear = trained(Map.of("booster", "gblinear"), 5);

    assertThatThrownBy(() -> XGBoostJsonReader.read(linear))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("booster gblinear");
  }

  @Test
  void refusesMultiClassModels() {
    Rows threeClasses = new Rows(rows.values(), classes(rows), rows.count());
    byte[] softprob = trained(threeClasses, Map.of("objective", "multi:softprob", "num_class", 3), 3);

    assertThatThrownBy(() -> XGBoostJsonReader.read(softprob))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("objective multi:softprob");
  }

  @Test
  void refusesRegression() {
    byte[] regression = trained(Map.of("objective", "reg:squarederror"), 5);

    assertThatThrownBy(() -> XGBoostJsonReader.read(regression))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("objective reg:squarederror");
  }

  @Test
  void refusesModelsWithCategoricalFeatures() throws XGBoostError {
    byte[] categorical = trainedWithCategoricalFeature();
    // the same trees, the feature no longer declared categorical: their category-set splits are still refused
    byte[] undeclared = edited(categorical, model -> ((ObjectNode) model.get("learner")).putArray("feature_types"));

    assertThatThrownBy(() -> XGBoostJsonReader.read(categorical))
        .isInstanceOf(UnsupportedModelException.class).hasMessage("categorical features: not evaluated in Java");
    assertThatThrownBy(() -> XGBoostJsonReader.read(undeclared))
        .isInstanceOf(UnsupportedModelException.class).hasMessageMatching("tree \\d+ has categorical splits: not "
            + "evaluated in Java");
  }

  @Test
  void refusesMultiTargetTrees() {
    byte[] multiTarget = edited(binaryModel, model -> ((ObjectNode) tree(model, 2).get("tree_param"))
        .put("size_leaf_vector", "2"));

    assertThatThrownBy(() -> XGBoostJsonReader.read(multiTarget))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("tree 2 is a multi-target tree");
  }

  @Test
  void refusesABaseScoreOfSeveralValues() {
    byte[] twoScores = edited(binaryModel, model -> params(model).put("base_score", "[5E-1,4E-1]"));

    assertThatThrownBy(() -> XGBoostJsonReader.read(twoScores))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("a base score of several values");
  }

  @Test
  void refusesMissingOrInconsistentNodeArrays() {
    byte[] noDefaults = edited(binaryModel, model -> tree(model, 1).remove("default_left"));
    byte[] shortConditions = edited(binaryModel, model -> ((ArrayNode) tree(model, 1).get("split_conditions"))
        .remove(0));

    assertThatThrownBy(() -> XGBoostJsonReader.read(noDefaults))
        .isInstanceOf(UnsupportedModelException.class).hasMessage("tree 1 has no default_left");
    assertThatThrownBy(() -> XGBoostJsonReader.read(shortConditions))
        .isInstanceOf(UnsupportedModelException.class).hasMessageMatching("tree 1: split_conditions holds (\\d+) "
            + "values for \\d+ nodes");
  }

  @Test
  void refusesNodesThatDoNotFormATree() {
    byte[] cycle = edited(binaryModel, model -> {
      ArrayNode left = (ArrayNode) tree(model, 0).get("left_children");
      ArrayNode right = (ArrayNode) tree(model, 0).get("right_children");
      int child = left.get(0).asInt();
      left.set(child, 0);
      right.set(child, 1);
    });
    byte[] badFeature = edited(binaryModel, model -> ((ArrayNode) tree(model, 0).get("split_indices"))
        .set(0, XGBoostModels.FEATURES));

    assertThatThrownBy(() -> XGBoostJsonReader.read(cycle))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("which is not a node of its own");
    assertThatThrownBy(() -> XGBoostJsonReader.read(badFeature))
        .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("node 0 splits on feature 8");
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThatThrownBy(() -> XGBoostJsonReader.read("{\"learner\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnsupportedModelException.class).hasMessageStartingWith("not an XGBoost JSON model");
  }

  private static byte[] trained(Map<String, Object> params, int rounds) {
    return trained(rows, params, rounds);
  }

  private static byte[] trained(Rows data, Map<String, Object> params, int rounds) {
    Booster booster = XGBoostModels.train(data, XGBoostModels.binaryParams(params), rounds);
    try {
      return XGBoostModels.json(booster);
    } finally {
      booster.dispose();
    }
  }

  /** Feature 2 (integers 0–11) declared categorical: XGBoost splits it by category sets. */
  private static byte[] trainedWithCategoricalFeature() throws XGBoostError {
    DMatrix matrix = new DMatrix(rows.values(), rows.count(), XGBoostModels.FEATURES, Float.NaN);
    Booster booster = null;
    try {
      matrix.setLabel(rows.labels());
      matrix.setFeatureTypes(new String[] {"q", "q", "c", "q", "q", "q", "q", "q"});
      booster = XGBoost.train(matrix, XGBoostModels.binaryParams(Map.of("max_cat_to_onehot", 1)), 5, Map.of(), null,
          null);
      return XGBoostModels.json(booster);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      matrix.dispose();
    }
  }

  private static float[] classes(Rows data) {
    float[] labels = new float[data.count()];
    for (int r = 0; r < labels.length; r++) {
      float value = data.values()[r * XGBoostModels.FEATURES];
      labels[r] = Float.isNaN(value) ? 0 : value < -0.5 ? 0 : value < 0.5 ? 1 : 2;
    }
    return labels;
  }

  private static byte[] edited(byte[] model, Consumer<ObjectNode> edit) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(model);
      edit.accept(root);
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode booster(ObjectNode root) {
    return (ObjectNode) root.get("learner").get("gradient_booster");
  }

  private static ObjectNode params(ObjectNode root) {
    return (ObjectNode) root.get("learner").get("learner_model_param");
  }

  private static ObjectNode tree(ObjectNode root, int index) {
    return (ObjectNode) booster(root).get("model").get("trees").get(index);
  }
}
