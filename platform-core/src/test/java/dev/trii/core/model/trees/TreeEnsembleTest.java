package dev.trii.core.model.trees;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.XGBoostModels;
import dev.trii.core.testing.XGBoostModels.Rows;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java evaluator scores real XGBoost models — trained here with XGBoost4J on rows with missing values — as
 * XGBoost4J does, within 1e-6 in probability, on rows the models never saw and on probe rows at their thresholds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeEnsembleTest {

  private static final double TOLERANCE = 1e-6;

  private Rows training;
  private Rows unseen;

  @BeforeAll
  void rows() {
    training = XGBoostModels.rows(4_000, 0.08, 11);
    unseen = XGBoostModels.rows(12_000, 0.08, 12_345);
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("one tree, depth 3", Map.of("max_depth", 3), 1),
        Arguments.of("stumps (depth 1), 200 rounds", Map.of("max_depth", 1), 200),
        Arguments.of("250 trees of depth 6, subsampled rows and columns",
            Map.of("max_depth", 6, "eta", 0.1, "subsample", 0.8, "colsample_bytree", 0.8), 250),
        Arguments.of("base_score 0.3, exact", Map.of("base_score", 0.3, "tree_method", "exact"), 40),
        Arguments.of("base_score 0.93, hist", Map.of("base_score", 0.93), 40),
        Arguments.of("max_depth 0 (no limit), lossguide, 64 leaves",
            Map.of("max_depth", 0, "grow_policy", "lossguide", "max_leaves", 64), 30),
        Arguments.of("depth 14, exact, no minimum child weight",
            Map.of("max_depth", 14, "tree_method", "exact", "min_child_weight", 0), 20),
        Arguments.of("approx, depth 5", Map.of("tree_method", "approx", "max_depth", 5), 60),
        Arguments.of("boosted forests: 4 parallel trees per round",
            Map.of("num_parallel_tree", 4, "subsample", 0.7, "colsample_bynode", 0.7), 15));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoresUnseenRowsAsXGBoost4JDoes(String name, Map<String, Object> params, int rounds) {
    Booster booster = XGBoostModels.train(training, XGBoostModels.binaryParams(params), rounds);
    try {
      TreeEnsemble trees = XGBoostJsonReader.read(XGBoostModels.json(booster));
      assertThat(trees.treeCount()).isEqualTo(rounds * (Integer) params.getOrDefault("num_parallel_tree", 1));

      float[] probabilities = XGBoostModels.predict(booster, unseen, false);
      float[] margins = XGBoostModels.predict(booster, unseen, true);
      double largest = 0;
      double largestMargin = 0;
      for (int r = 0; r < unseen.count(); r++) {
        float[] row = unseen.row(r);
        largest = Math.max(largest, Math.abs((double) trees.probability(row) - probabilities[r]));
        largestMargin = Math.max(largestMargin, Math.abs((double) trees.margin(row) - margins[r]));
      }
      assertThat(largest).as("largest probability difference on %d unseen rows", unseen.count())
          .isLessThanOrEqualTo(TOLERANCE);
      // the same float32 additions in the same order: the margins are equal bit for bit; the sigmoid's exp may differ
      // from the C library's by an ulp
      assertThat(largestMargin).as("largest margin difference").isZero();
      assertThat(distinct(probabilities)).as("a model that tells rows apart").isGreaterThan(1);
    } finally {
      booster.dispose();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scoresProbeRowsAtTheThresholdsAsXGBoost4JDoes(String name, Map<String, Object> params, int rounds) {
    Booster booster = XGBoostModels.train(training, XGBoostModels.binaryParams(params), rounds);
    try {
      TreeEnsemble trees = XGBoostJsonReader.read(XGBoostModels.json(booster));
      float[][] probes = ProbeRows.around(trees, 3);
      float[] values = new float[probes.length * XGBoostModels.FEATURES];
      for (int r = 0; r < probes.length; r++) {
        System.arraycopy(probes[r], 0, values, r * XGBoostModels.FEATURES, XGBoostModels.FEATURES);
      }
      float[] expected = XGBoostModels.predict(booster, new Rows(values, new float[probes.length], probes.length),
          false);
      double largest = 0;
      for (int r = 0; r < probes.length; r++) {
        largest = Math.max(largest, Math.abs((double) trees.probability(probes[r]) - expected[r]));
      }
      assertThat(probes.length).isGreaterThanOrEqualTo(10_000);
      assertThat(largest).as("largest probability difference on %d probe rows", probes.length)
          .isLessThanOrEqualTo(TOLERANCE);
    } finally {
      booster.dispose();
    }
  }

  private static long distinct(float[] values) {
    return IntStream.range(0, values.length).map(i -> Float.floatToIntBits(values[i])).distinct().count();
  }
}
