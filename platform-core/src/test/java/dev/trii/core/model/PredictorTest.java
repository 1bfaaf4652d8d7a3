package dev.trii.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.trii.core.digest.Sha256;
import dev.trii.core.model.trees.XGBoostJsonReader;
import dev.trii.core.testing.XGBoostModels;
import dev.trii.core.testing.XGBoostModels.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A loaded model is scored by the Java evaluator only once it has proven equal to XGBoost4J on the load-time probe
 * rows; otherwise, and for the models the Java evaluator refuses, XGBoost4J scores it, and the predictor says which
 * and why.
 */
class PredictorTest {

  private static final List<String> NAMES = IntStream.range(0, XGBoostModels.FEATURES).mapToObj(i -> "f" + i)
      .toList();

  private static Rows training;
  private static Rows unseen;
  private static byte[] binaryModel;

  @BeforeAll
  static void train() {
    training = XGBoostModels.rows(3_000, 0.08, 21);
    unseen = XGBoostModels.rows(10_000, 0.08, 22);
    binaryModel = trained(Map.of("max_depth", 5, "eta", 0.1), 150);
  }

  @Test
  void servesWithTheJavaTreesOnceProvenEqualToXGBoost4J() {
    try (Predictor predictor = Predictor.load(stored(binaryModel))) {
      EvaluatorChoice evaluator = predictor.evaluator();

      assertThat(evaluator.name()).isEqualTo(EvaluatorChoice.JAVA_TREES);
      assertThat(evaluator.javaTrees()).isTrue();
      assertThat(evaluator.proofRows()).isGreaterThanOrEqualTo(10_000);
      assertThat(evaluator.maxDifference()).isBetween(0.0, 1e-6);
      assertThat(evaluator.reason()).startsWith("proved equal to XGBoost4J at load: " + evaluator.proofRows()
          + " probe rows");
      for (int r = 0; r < unseen.count(); r++) {
        float[] row = unseen.row(r);
        assertThat(predictor.probabilityUp(row)).as("row %d", r)
            .isCloseTo(predictor.referenceProbabilityUp(row), within(1e-6));
      }
    }
  }

  @Test
  void scoresABatchAsRowByRow() {
    float[][] rows = IntStream.range(0, 500).mapToObj(unseen::row).toArray(float[][]::new);
    byte[] dart = trained(Map.of("booster", "dart", "rate_drop", 0.2), 20);
    try (Predictor javaTrees = Predictor.load(stored(binaryModel)); Predictor xgboost = Predictor.load(stored(dart))) {
      double[] fromJava = javaTrees.probabilitiesUp(rows);
      double[] fromXGBoost = xgboost.probabilitiesUp(rows);

      for (int r = 0; r < rows.length; r++) {
        assertThat(fromJava[r]).isEqualTo(javaTrees.probabilityUp(rows[r]));
        assertThat(fromXGBoost[r]).isEqualTo(xgboost.probabilityUp(rows[r]));
      }
    }
  }

  @Test
  void keepsXGBoost4JForAModelTheJavaEvaluatorRefuses() {
    byte[] dart = trained(Map.of("booster", "dart", "rate_drop", 0.2), 20);
    try (Predictor predictor = Predictor.load(stored(dart))) {
      EvaluatorChoice evaluator = predictor.evaluator();

      assertThat(evaluator.name()).isEqualTo(EvaluatorChoice.XGBOOST4J);
      assertThat(evaluator.reason()).isEqualTo("the Java evaluator does not evaluate this model: trees trained with "
          + "dropout (DART) carry weights: not evaluated in Java");
      assertThat(evaluator.proofRows()).isZero();
      assertThat(evaluator.maxDifference()).isNaN();
      float[] row = unseen.row(0);
      assertThat(predictor.probabilityUp(row)).isEqualTo(predictor.referenceProbabilityUp(row));
    }
  }

  @Test
  void keepsXGBoost4JWhenTheProofFindsADifference() {
    // the Java evaluator is handed another model's trees (one more round): the proof must catch it
    byte[] otherTrees = trained(Map.of("max_depth", 5, "eta", 0.1), 151);
    try (Predictor predictor = Predictor.load(stored(binaryModel), json -> XGBoostJsonReader.read(otherTrees))) {
      EvaluatorChoice evaluator = predictor.evaluator();

      assertThat(evaluator.name()).isEqualTo(EvaluatorChoice.XGBOOST4J);
      assertThat(evaluator.reason()).startsWith("the Java evaluator differs from XGBoost4J: ");
      assertThat(evaluator.proofRows()).isGreaterThanOrEqualTo(10_000);
      assertThat(evaluator.maxDifference()).isGreaterThan(1e-6);
      float[] row = unseen.row(1);
      assertThat(predictor.probabilityUp(row)).isEqualTo(predictor.referenceProbabilityUp(row));
    }
  }

  @Test
  void keepsXGBoost4JWhenTheJavaEvaluatorFails() {
    try (Predictor predictor = Predictor.load(stored(binaryModel), json -> {
      throw new IllegalStateException("unexpected\nsecond line");
    })) {
      assertThat(predictor.evaluator().name()).isEqualTo(EvaluatorChoice.XGBOOST4J);
      assertThat(predictor.evaluator().reason())
          .isEqualTo("the Java evaluator failed on this model: IllegalStateException: unexpected");
    }
  }

  @Test
  void refusesRowsOfAnotherLengthOrWithInfiniteValuesWhicheverEvaluatorServes() {
    byte[] dart = trained(Map.of("booster", "dart", "rate_drop", 0.2), 5);
    try (Predictor javaTrees = Predictor.load(stored(binaryModel)); Predictor xgboost = Predictor.load(stored(dart))) {
      for (Predictor predictor : List.of(javaTrees, xgboost)) {
        float[] infinite = unseen.row(2);
        infinite[3] = Float.POSITIVE_INFINITY;

        assertThatThrownBy(() -> predictor.probabilityUp(new float[3]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 8 features, got 3");
        assertThatThrownBy(() -> predictor.probabilityUp(infinite))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature f3 is infinite");
        assertThatThrownBy(() -> predictor.probabilitiesUp(new float[][] {unseen.row(0), infinite}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("row 1: feature f3 is infinite");
      }
    }
  }

  private static byte[] trained(Map<String, Object> params, int rounds) {
    Booster booster = XGBoostModels.train(training, XGBoostModels.binaryParams(params), rounds);
    try {
      return XGBoostModels.json(booster);
    } finally {
      booster.dispose();
    }
  }

  private static ModelArtifacts.StoredModel stored(byte[] modelJson) {
    ModelMetadata metadata = new ModelMetadata("predictor-test", "run-1", "v2-test", NAMES, 5, 0.0,
        Instant.parse("2026-11-02T14:30:00Z"), Instant.parse("2026-11-20T20:59:00Z"), Map.of("train", 3_000L),
        Map.of(), Map.of(), ModelMetadata.MODEL_FILE, Sha256.hex(modelJson), "cpu", Instant.now());
    return new ModelArtifacts.StoredModel(metadata, modelJson);
  }
}
