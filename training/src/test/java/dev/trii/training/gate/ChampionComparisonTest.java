package dev.trii.training.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Comparisons with the champion, relative changes taken against |champion|. */
class ChampionComparisonTest {

  @Test
  void relativeChangeOfANegativeMetricIsTakenAgainstItsMagnitude() {
    // higher is better, champion -10, must improve by 10% of |-10| = 1: the bar is -9
    ChampionComparison pnl = new ChampionComparison("test_pnl_bps", true, null, 0.10);

    assertThat(pnl.bound(-10)).isCloseTo(-9.0, within(1e-12));
    assertThat(pnl.passes(-8.0, -10)).isTrue();
    assertThat(pnl.passes(-9.5, -10)).isFalse();
    // MLflow's champion × (1 + change) would set the bar at -11 and pass this worse candidate
    assertThat(pnl.passes(-10.5, -10)).isFalse();
    assertThat(pnl.relativeImprovement(-8.0, -10)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void lowerIsBetterMovesTheBoundDownForImprovementAndUpForTolerance() {
    ChampionComparison mustImprove = new ChampionComparison("test_log_loss", false, null, 0.02);
    ChampionComparison tolerant = new ChampionComparison("test_log_loss", false, null, -0.02);

    assertThat(mustImprove.bound(0.5)).isCloseTo(0.49, within(1e-12));
    assertThat(mustImprove.passes(0.495, 0.5)).isFalse();
    assertThat(tolerant.bound(0.5)).isCloseTo(0.51, within(1e-12));
    assertThat(tolerant.passes(0.505, 0.5)).isTrue();
    assertThat(tolerant.passes(0.52, 0.5)).isFalse();
  }

  @Test
  void bothMarginsMustHoldSoTheStricterWins() {
    ChampionComparison both = new ChampionComparison("test_accuracy", true, 0.01, 0.05);
    assertThat(both.bound(0.6)).isCloseTo(0.63, within(1e-12)); // 5% of 0.6 = 0.03 > 0.01
    assertThat(both.bound(0.1)).isCloseTo(0.11, within(1e-12)); // 0.01 > 5% of 0.1
  }

  @Test
  void notWorseMeansEqualPasses() {
    ChampionComparison notWorse = new ChampionComparison("test_accuracy", true, 0.0, null);
    assertThat(notWorse.passes(0.7, 0.7)).isTrue();
    assertThat(notWorse.passes(0.6999, 0.7)).isFalse();
    assertThat(notWorse.passes(Double.NaN, 0.7)).isFalse();
  }
}
