package dev.trii.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Classification metrics against hand-computed values and their edge-case conventions. */
class BinaryMetricsTest {

  // predictions at 0.5: 1 1 0 0 1 0 1 0 -> TP = rows 0, 1, 6; FN = row 2; FP = row 4; TN = rows 3, 5, 7
  private static final float[] LABELS = {1, 1, 1, 0, 0, 0, 1, 0};
  private static final double[] PROBABILITIES = {0.9, 0.8, 0.4, 0.3, 0.6, 0.1, 0.7, 0.2};

  @Test
  void matchesAHandComputedExample() {
    BinaryMetrics m = BinaryMetrics.compute(LABELS, PROBABILITIES, 1);

    assertThat(m.confusionMatrix()).isDeepEqualTo(new long[][] {{3, 1}, {1, 3}});
    assertThat(m.accuracy()).isEqualTo(0.75);
    assertThat(m.precision()).isEqualTo(0.75);
    assertThat(m.recall()).isEqualTo(0.75);
    assertThat(m.f1()).isEqualTo(0.75);
    // 15 of the 16 (positive, negative) pairs are ranked right: only 0.4 (positive) < 0.6 (negative)
    assertThat(m.rocAuc()).isCloseTo(15.0 / 16, within(1e-12));
    // -(ln .9 + ln .8 + ln .4 + ln .7 + ln .7 + ln .4 + ln .9 + ln .8) / 8
    double expectedLogLoss = -2 * (Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.7)) / 8;
    assertThat(m.logLoss()).isCloseTo(expectedLogLoss, within(1e-12));
    assertThat(m.baselineAccuracy()).isEqualTo(0.5);
  }

  @Test
  void tribuoPredictionsCarryBothClassProbabilitiesAndTheTrueLabel() {
    var predictions = BinaryMetrics.predictions(new float[] {1, 0}, new double[] {0.4, 0.3});

    assertThat(predictions.get(0).getOutput()).isEqualTo(BinaryMetrics.DOWN);
    assertThat(predictions.get(0).getExample().getOutput()).isEqualTo(BinaryMetrics.UP);
    assertThat(predictions.get(0).getOutputScores().get("1").getScore()).isEqualTo(0.4);
    assertThat(predictions.get(0).getOutputScores().get("0").getScore()).isCloseTo(0.6, within(1e-12));
    assertThat(predictions.get(1).hasProbabilities()).isTrue();
  }

  @Test
  void anEmptySplitHasNoAccuracyAndNoRocAuc() {
    BinaryMetrics m = BinaryMetrics.compute(new float[0], new double[0], 1);
    assertThat(m.rows()).isZero();
    assertThat(m.accuracy()).isNaN();
    assertThat(m.rocAuc()).isNaN();
  }

  @Test
  void namesMetricsBySplit() {
    assertThat(BinaryMetrics.compute(LABELS, PROBABILITIES, 0).asMetrics("test"))
        .containsEntry("test_accuracy", 0.75)
        .containsEntry("test_baseline_accuracy", 0.5)
        .containsEntry("test_true_positives", 3.0)
        .containsKeys("test_roc_auc", "test_log_loss", "test_f1", "test_precision", "test_recall");
  }

  @Test
  void baselineAnswersTheTrainingMajorityClassEverywhere() {
    float[] labels = {0, 0, 0, 1};
    double[] probabilities = {0.1, 0.2, 0.3, 0.9};
    assertThat(BinaryMetrics.compute(labels, probabilities, 0).baselineAccuracy()).isEqualTo(0.75);
    assertThat(BinaryMetrics.compute(labels, probabilities, 1).baselineAccuracy()).isEqualTo(0.25);
  }

  @Test
  void tiedScoresCountHalfInRocAuc() {
    BinaryMetrics m = BinaryMetrics.compute(new float[] {1, 0}, new double[] {0.5, 0.5}, 1);
    assertThat(m.rocAuc()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void singleClassHasNoRocAucAndNoPrecision() {
    BinaryMetrics m = BinaryMetrics.compute(new float[] {0, 0, 0}, new double[] {0.1, 0.2, 0.3}, 0);
    assertThat(m.rocAuc()).isNaN();
    assertThat(m.precision()).isZero();
    assertThat(m.recall()).isZero();
    assertThat(m.accuracy()).isEqualTo(1.0);
  }

  @Test
  void clipsCertainWrongAnswersInLogLoss() {
    BinaryMetrics m = BinaryMetrics.compute(new float[] {1}, new double[] {0.0}, 1);
    assertThat(m.logLoss()).isCloseTo(-Math.log(1e-15), within(1e-9));
  }
}
