package dev.trii.training.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.PromotionDecision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gate verdicts on holdout predictions: thresholds and the lift over the naive baseline for a first model, paired
 * comparisons with a champion, the data-quality precondition failing closed, missing metrics.
 */
class PromotionGateTest {

  private static final QualityEvidence ALL_CHECKED = new QualityEvidence(72, List.of(), List.of(), List.of(), 9);

  private final PromotionGate gate = new PromotionGate(GateConfigLoader.loadDefault());

  @Test
  void aSkilledFirstModelPassesTheThresholdsAndTheLiftWithConfidenceBounds() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 1);

    PromotionDecision decision = gate.decide("m", 1, metrics(holdout), holdout, null, ALL_CHECKED, true);

    assertThat(decision.passed()).as(decision.summary()).isTrue();
    assertThat(decision.championVersion()).isNull();
    assertThat(decision.checks()).extracting(GateCheck::name).containsExactly(
        "data_quality excluded_sessions_share <= 0.25 and every session checked",
        "train_accuracy > 0.75", "holdout_accuracy > 0.7", "p95_latency_ms < 100.0",
        "holdout_accuracy - majority baseline >= 0.02, lower bound > 0",
        "holdout_log_loss < class prior's log loss, lower bound of the gap > 0",
        "holdout_roc_auc > 0.5200, lower bound > 0.5");
    GateCheck holdoutAccuracy = decision.checks().get(2);
    assertThat(holdoutAccuracy.confidenceBound()).isBetween(0.7, holdoutAccuracy.value());
    assertThat(decision.checks().subList(4, 7)).allSatisfy(check -> {
      assertThat(check.confidenceBound()).isNotNull();
      assertThat(check.confidenceBound()).isLessThan(check.value());
    });
    assertThat(decision.summary()).contains("passed 7/7 checks", "no champion yet", "v1 becomes champion");
  }

  @Test
  void aConstantMajorityClassModelNeverPassesEvenOnDataThatIsEightyPercentOneClass() {
    for (double constant : new double[] {0.8, 0.6, 0.99}) {
      HoldoutEvidence holdout = Holdouts.constant(5_000, 0.8, constant, 2);
      Map<String, Double> metrics = metrics(holdout);

      PromotionDecision decision = gate.decide("m", 1, metrics, holdout, null, ALL_CHECKED, true);

      assertThat(metrics.get("holdout_accuracy")).as("the handbook threshold alone would pass it").isGreaterThan(0.7);
      assertThat(decision.passed()).as("constant %s", constant).isFalse();
      assertThat(decision.checks()).filteredOn(check -> !check.passed()).extracting(GateCheck::name)
          .allMatch(name -> name.startsWith("holdout_accuracy - majority") || name.startsWith("holdout_log_loss")
              || name.startsWith("holdout_roc_auc"))
          .anyMatch(name -> name.startsWith("holdout_accuracy - majority"));
    }
  }

  @Test
  void anEdgeTheHoldoutCannotConfirmIsNotALift() {
    HoldoutEvidence holdout = Holdouts.skilled(120, 0.5, 0.56, 3);

    PromotionDecision decision = gate.decide("m", 1, metrics(holdout), holdout, null, ALL_CHECKED, true);

    GateCheck lift = check(decision, "holdout_accuracy - majority");
    assertThat(lift.value()).isGreaterThanOrEqualTo(0.02);
    assertThat(lift.confidenceBound()).isLessThanOrEqualTo(0.0);
    assertThat(lift.passed()).isFalse();
    assertThat(lift.detail()).contains("95% lower bound", "120 holdout rows");
  }

  @Test
  void aProvenImprovementOnTheSameHoldoutRowsReplacesTheChampion() {
    Holdouts.Pair pair = Holdouts.pair(3_000, 0.72, 0.80, 4);

    PromotionDecision decision = gate.decide("m", 4, metrics(pair.candidate()), pair.candidate(),
        ChampionEvidence.evaluated(3, pair.champion().predictions()), ALL_CHECKED, true);

    assertThat(decision.passed()).as(decision.summary()).isTrue();
    assertThat(decision.championVersion()).isEqualTo(3);
    GateCheck accuracy = check(decision, "holdout accuracy vs champion v3");
    assertThat(accuracy.value()).isCloseTo(0.08, org.assertj.core.data.Offset.offset(0.02));
    assertThat(accuracy.confidenceBound()).isPositive().isLessThan(accuracy.value());
    assertThat(accuracy.detail()).contains("McNemar", "only the champion");
    assertThat(decision.summary()).contains("compared with champion v3 on the same holdout rows",
        "v4 becomes champion");
  }

  @Test
  void aTieKeepsTheChampion() {
    HoldoutEvidence holdout = Holdouts.skilled(3_000, 0.5, 0.8, 5);

    PromotionDecision decision = gate.decide("m", 4, metrics(holdout), holdout,
        ChampionEvidence.evaluated(3, holdout.predictions().clone()), ALL_CHECKED, true);

    assertThat(decision.passed()).isFalse();
    GateCheck accuracy = check(decision, "holdout accuracy vs champion v3");
    assertThat(accuracy.value()).isZero();
    assertThat(accuracy.passed()).isFalse();
    assertThat(decision.summary()).contains("champion v3 stays");
  }

  @Test
  void tooFewHoldoutRowsCannotReplaceAChampion() {
    Holdouts.Pair pair = Holdouts.pair(600, 0.70, 0.85, 6);

    PromotionDecision decision = gate.decide("m", 2, metrics(pair.candidate()), pair.candidate(),
        ChampionEvidence.evaluated(1, pair.champion().predictions()), ALL_CHECKED, true);

    assertThat(decision.passed()).isFalse();
    GateCheck rows = check(decision, "holdout_rows >= 1000");
    assertThat(rows.passed()).isFalse();
    assertThat(rows.detail()).contains("600 holdout rows: too few");
  }

  @Test
  void aChampionThatCannotBeEvaluatedBlocksPromotion() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.85, 7);

    PromotionDecision decision = gate.decide("m", 2, metrics(holdout), holdout,
        ChampionEvidence.unusable(1, "its artifacts could not be read"), ALL_CHECKED, true);

    assertThat(decision.passed()).isFalse();
    assertThat(check(decision, "holdout vs champion v1").detail()).contains("its artifacts could not be read");
  }

  @Test
  void aChampionOfAnotherFeatureSetIsReplacedOnTheThresholdsAndTheLiftAlone() {
    HoldoutEvidence holdout = Holdouts.skilled(600, 0.5, 0.8, 13);

    PromotionDecision decision = gate.decide("m", 2, metrics(holdout), holdout,
        ChampionEvidence.obsolete(1, "champion v1 was trained on feature set v1"), ALL_CHECKED, true);

    assertThat(decision.passed()).as(decision.summary()).isTrue();
    assertThat(decision.championVersion()).isEqualTo(1);
    assertThat(decision.checks()).extracting(GateCheck::name).contains("champion v1 obsolete: replaced without "
        + "comparison").noneMatch(name -> name.startsWith("holdout_rows"));
    assertThat(decision.summary()).contains("champion v1 is obsolete (another feature set)", "v2 becomes champion");
  }

  @Test
  void excludedSessionsWithinTheAllowedSharePassAndAreNamed() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 8);
    QualityEvidence quality = new QualityEvidence(64, List.of(), List.of(),
        List.of("2024-03-05 AAA (completeness, gaps)"), 9);

    PromotionDecision decision = gate.decide("m", 1, metrics(holdout), holdout, null, quality, true);

    assertThat(decision.passed()).isTrue();
    GateCheck check = decision.checks().get(0);
    assertThat(check.value()).isEqualTo(1.0 / 9);
    assertThat(check.threshold()).isEqualTo(0.25);
    assertThat(check.detail()).contains("1 of 9 labelled sessions (11.1%) left out of training",
        "2024-03-05 AAA (completeness, gaps)", "0 of 64 quality checks of the sessions trained on failed",
        "0 session(s) trained on had no quality verdict");
  }

  @Test
  void tooManyExcludedSessionsFailTheGate() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 8);
    QualityEvidence quality = new QualityEvidence(48, List.of(), List.of(),
        List.of("2024-03-04 AAA (gaps)", "2024-03-05 AAA (gaps)", "2024-03-05 BBB (staleness)"), 9);

    PromotionDecision decision = gate.decide("m", 1, metrics(holdout), holdout, null, quality, true);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.summary()).startsWith("failed 1 of 7 checks (data_quality excluded_sessions_share <= 0.25 "
        + "and every session checked: 0.3333)");
  }

  @Test
  void aSessionWithoutAQualityVerdictFailsTheCheck() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 9);
    QualityEvidence quality = new QualityEvidence(64, List.of(), List.of("2024-03-06 CCC"), List.of(), 9);

    PromotionDecision decision = gate.decide("m", 1, metrics(holdout), holdout, null, quality, true);
    PromotionDecision unread = gate.decide("m", 1, metrics(holdout), holdout, null, null, true);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks().get(0).detail()).contains("1 session(s) trained on had no quality verdict: "
        + "2024-03-06 CCC");
    assertThat(unread.passed()).isFalse();
    assertThat(unread.checks().get(0).detail()).isEqualTo("no quality verdicts were read for the data trained on");
  }

  @Test
  void withTheRefusePolicyAFailedCheckOfTheDataTrainedOnBlocksPromotion() {
    PromotionGate refusing = new PromotionGate(GateConfigLoader.parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: 0.75}
        data_quality: {on_failure: refuse}
        """, "refuse.yaml"));
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 10);
    QualityEvidence quality = new QualityEvidence(18, List.of("2024-03-05 AAA completeness"), List.of(), List.of(),
        3);

    PromotionDecision decision = refusing.decide("m", 1, metrics(holdout), holdout, null, quality, true);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks().get(0).name()).isEqualTo("data_quality failed_checks <= 0 and every session checked");
    assertThat(decision.checks().get(0).detail()).contains("1 of 18", "2024-03-05 AAA completeness");
  }

  @Test
  void aMetricThatWasNotComputedFails() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 11);
    Map<String, Double> metrics = metrics(holdout);
    metrics.remove("p95_latency_ms");

    PromotionDecision decision = gate.decide("m", 1, metrics, holdout, null, ALL_CHECKED, true);

    assertThat(decision.passed()).isFalse();
    assertThat(check(decision, "p95_latency_ms").detail()).isEqualTo("p95_latency_ms was not computed for the "
        + "candidate");
  }

  @Test
  void withPromotionOffTheVerdictIsTheSameAndTheSummarySaysNothingWasPromoted() {
    HoldoutEvidence holdout = Holdouts.skilled(2_000, 0.5, 0.8, 12);

    PromotionDecision promoting = gate.decide("m", 1, metrics(holdout), holdout, null, ALL_CHECKED, true);
    PromotionDecision judging = gate.decide("m", 1, metrics(holdout), holdout, null, ALL_CHECKED, false);

    assertThat(judging.passed()).isTrue();
    assertThat(judging.checks()).isEqualTo(promoting.checks());
    assertThat(judging.summary()).isEqualTo(
        promoting.summary().replace("v1 becomes champion", "v1 would become champion")
            + "; promotion off for this run: decision not recorded, champion unchanged");
  }

  private static GateCheck check(PromotionDecision decision, String prefix) {
    return decision.checks().stream().filter(c -> c.name().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + prefix + " in " + decision.checks()));
  }

  /** What the evaluation computes that the thresholds read: accuracies, row counts, latency. */
  private static Map<String, Double> metrics(HoldoutEvidence holdout) {
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("train_accuracy", 0.85);
    metrics.put("train_rows", 6_000.0);
    metrics.put("holdout_accuracy", PairedStatistics.accuracy(holdout.labels(), holdout.predictions(),
        PairedStatistics.everyRowOnce(holdout.rows())));
    metrics.put("holdout_rows", (double) holdout.rows());
    metrics.put("p95_latency_ms", 0.4);
    return metrics;
  }

  /** Synthetic holdouts with a known skill. */
  static final class Holdouts {

    record Pair(HoldoutEvidence candidate, HoldoutEvidence champion) {}

    /** {@code n} rows, label 1 with probability {@code positiveRate}, the model right with probability {@code skill}. */
    static HoldoutEvidence skilled(int n, double positiveRate, double skill, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] labels = labels(n, positiveRate, random);
      double[] predictions = new double[n];
      for (int i = 0; i < n; i++) {
        predictions[i] = answer(labels[i], random.nextDouble() < skill, random.nextDouble());
      }
      return new HoldoutEvidence(labels, predictions, positiveRate >= 0.5 ? 1 : 0, positiveRate);
    }

    /** A model that answers {@code probability} whatever the row. */
    static HoldoutEvidence constant(int n, double positiveRate, double probability, long seed) {
      float[] labels = labels(n, positiveRate, new SplittableRandom(seed));
      double[] predictions = new double[n];
      java.util.Arrays.fill(predictions, probability);
      return new HoldoutEvidence(labels, predictions, positiveRate >= 0.5 ? 1 : 0, positiveRate);
    }

    /** A champion and a candidate on the same rows: the candidate right wherever the champion is, and on more. */
    static Pair pair(int n, double championSkill, double candidateSkill, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] labels = labels(n, 0.5, random);
      double[] champion = new double[n];
      double[] candidate = new double[n];
      for (int i = 0; i < n; i++) {
        double draw = random.nextDouble();
        double confidence = random.nextDouble();
        champion[i] = answer(labels[i], draw < championSkill, confidence);
        candidate[i] = answer(labels[i], draw < candidateSkill, confidence);
      }
      return new Pair(new HoldoutEvidence(labels, candidate, 1, 0.5), new HoldoutEvidence(labels, champion, 1, 0.5));
    }

    private static float[] labels(int n, double positiveRate, SplittableRandom random) {
      float[] labels = new float[n];
      for (int i = 0; i < n; i++) {
        labels[i] = random.nextDouble() < positiveRate ? 1f : 0f;
      }
      return labels;
    }

    /** A probability between 0.6 and 0.9 on the right side of 0.5, or the wrong side. */
    private static double answer(float label, boolean right, double confidence) {
      double p = 0.6 + 0.3 * confidence;
      boolean up = (label > 0.5f) == right;
      return up ? p : 1 - p;
    }
  }
}
