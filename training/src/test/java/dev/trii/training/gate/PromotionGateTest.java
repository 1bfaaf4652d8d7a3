package dev.trii.training.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.PromotionDecision;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gate verdicts: thresholds alone without a champion, comparisons with one, data quality, missing metrics. */
class PromotionGateTest {

  private final PromotionGate gate = new PromotionGate(GateConfigLoader.loadDefault());

  private static Map<String, Double> candidate(double validationAccuracy, double testAccuracy, double testLogLoss) {
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("train_accuracy", 0.85);
    metrics.put("validation_accuracy", validationAccuracy);
    metrics.put("test_accuracy", testAccuracy);
    metrics.put("test_log_loss", testLogLoss);
    metrics.put("p95_latency_ms", 0.2);
    return metrics;
  }

  @Test
  void withoutAChampionOnlyTheAbsoluteThresholdsApply() {
    PromotionDecision decision = gate.decide("m", 1, candidate(0.77, 0.76, 0.5), null, null);

    assertThat(decision.passed()).isTrue();
    assertThat(decision.championVersion()).isNull();
    assertThat(decision.checks()).extracting(GateCheck::name).containsExactly(
        "train_accuracy > 0.75", "validation_accuracy > 0.7", "p95_latency_ms < 100.0");
    assertThat(decision.summary()).contains("passed 3/3 checks", "no champion yet: only absolute thresholds applied",
        "v1 becomes champion");
  }

  @Test
  void withPromotionOffTheVerdictIsTheSameAndTheSummarySaysNothingWasPromoted() {
    PromotionDecision promoting = gate.decide("m", 1, candidate(0.77, 0.76, 0.5), null, null);
    PromotionDecision judging = gate.decide("m", 1, candidate(0.77, 0.76, 0.5), null, null, false);
    PromotionDecision failing = gate.decide("m", 1, candidate(0.51, 0.50, 0.69), null, null, false);

    assertThat(judging.passed()).isTrue();
    assertThat(judging.checks()).isEqualTo(promoting.checks());
    assertThat(judging.summary()).isEqualTo(
        promoting.summary().replace("v1 becomes champion", "v1 would become champion")
            + "; promotion off for this run: decision not recorded, champion unchanged");
    assertThat(failing.passed()).isFalse();
    assertThat(failing.summary()).contains("v1 is not promoted")
        .endsWith("; promotion off for this run: decision not recorded, champion unchanged");
  }

  @Test
  void failsOnValidationAccuracyAtChance() {
    PromotionDecision decision = gate.decide("m", 1, candidate(0.51, 0.50, 0.69), null, null);

    assertThat(decision.passed()).isFalse();
    GateCheck validation = decision.checks().get(1);
    assertThat(validation.passed()).isFalse();
    assertThat(validation.value()).isEqualTo(0.51);
    assertThat(validation.threshold()).isEqualTo(0.70);
    assertThat(validation.detail()).contains("does not meet > 0.7000");
    assertThat(decision.summary()).startsWith("failed 1 of 3 checks (validation_accuracy > 0.7: 0.5100)")
        .contains("v1 is not promoted");
  }

  @Test
  void comparesWithTheChampionOnTheSameHoldout() {
    ChampionEvidence champion = ChampionEvidence.evaluated(3, Map.of("test_accuracy", 0.78, "test_log_loss", 0.50));

    PromotionDecision better = gate.decide("m", 4, candidate(0.8, 0.79, 0.505), champion, null);
    PromotionDecision worse = gate.decide("m", 4, candidate(0.8, 0.77, 0.49), champion, null);

    assertThat(better.passed()).isTrue();
    assertThat(better.championVersion()).isEqualTo(3);
    assertThat(better.checks()).hasSize(5);
    assertThat(better.summary()).contains("compared with champion v3", "v4 becomes champion");
    assertThat(worse.passed()).isFalse();
    GateCheck accuracy = worse.checks().stream().filter(c -> c.name().startsWith("test_accuracy vs champion v3"))
        .findFirst().orElseThrow();
    assertThat(accuracy.passed()).isFalse();
    assertThat(accuracy.threshold()).isEqualTo(0.78);
    assertThat(worse.summary()).contains("champion v3 stays");
  }

  @Test
  void aChampionThatCannotBeEvaluatedBlocksPromotion() {
    PromotionDecision decision = gate.decide("m", 2, candidate(0.8, 0.8, 0.4),
        ChampionEvidence.unusable(1, "its artifacts could not be read"), null);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks()).filteredOn(c -> c.name().contains("vs champion"))
        .allSatisfy(c -> assertThat(c.detail()).contains("its artifacts could not be read"));
  }

  @Test
  void excludedSessionsWithinTheAllowedSharePassAndAreNamed() {
    QualityEvidence quality = new QualityEvidence(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 6), 56, List.of(),
        List.of("2024-03-05 AAA (completeness, gaps)"), 9);

    PromotionDecision decision = gate.decide("m", 1, candidate(0.8, 0.8, 0.4), null, quality);

    assertThat(decision.passed()).isTrue();
    GateCheck check = decision.checks().get(0);
    assertThat(check.name()).isEqualTo("data_quality excluded_sessions_share <= 0.25");
    assertThat(check.value()).isEqualTo(1.0 / 9);
    assertThat(check.threshold()).isEqualTo(0.25);
    assertThat(check.detail()).contains("1 of 9 labelled sessions (11.1%) left out of training",
        "2024-03-05 AAA (completeness, gaps)", "0 of 56 quality checks for 2024-03-04..2024-03-06 on the sessions "
            + "trained on failed");
  }

  @Test
  void tooManyExcludedSessionsFailTheGate() {
    QualityEvidence quality = new QualityEvidence(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 6), 28, List.of(),
        List.of("2024-03-04 AAA (gaps)", "2024-03-05 AAA (gaps)", "2024-03-05 BBB (staleness)"), 9);

    PromotionDecision decision = gate.decide("m", 1, candidate(0.8, 0.8, 0.4), null, quality);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks().get(0).passed()).isFalse();
    assertThat(decision.summary()).startsWith("failed 1 of 4 checks (data_quality excluded_sessions_share <= 0.25: "
        + "0.3333)");
  }

  @Test
  void withTheRefusePolicyFailedChecksOfTheTrainingDatesBlockPromotion() {
    PromotionGate refusing = new PromotionGate(GateConfigLoader.parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: 0.75}
        data_quality: {on_failure: refuse}
        """, "refuse.yaml"));
    QualityEvidence quality = new QualityEvidence(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 6), 18,
        List.of("2024-03-05 AAA completeness"), List.of(), 0);

    PromotionDecision decision = refusing.decide("m", 1, candidate(0.8, 0.8, 0.4), null, quality);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks().get(0).name()).isEqualTo("data_quality failed_checks <= 0");
    assertThat(decision.checks().get(0).detail()).contains("1 of 18", "2024-03-05 AAA completeness");
  }

  @Test
  void aMetricThatWasNotComputedFails() {
    Map<String, Double> metrics = candidate(0.8, 0.8, 0.4);
    metrics.remove("p95_latency_ms");

    PromotionDecision decision = gate.decide("m", 1, metrics, null, null);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.checks().get(2).detail()).isEqualTo("p95_latency_ms was not computed for the candidate");
  }
}
