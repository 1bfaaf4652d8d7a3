package dev.trii.training.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The statistics behind the confidence bounds, against values worked out by hand. */
class PairedStatisticsTest {

  @Test
  void mcnemarTailIsTheBinomialTailOfTheDiscordantRows() {
    PairedStatistics.Discordance d = new PairedStatistics.Discordance(10, 2, 200);

    // P(X >= 10), X ~ Binomial(12, 1/2) = (66 + 12 + 1) / 4096
    assertThat(PairedStatistics.mcnemarPValue(d)).isCloseTo(79.0 / 4096, within(1e-12));
    assertThat(d.gain()).isCloseTo(8.0 / 200, within(1e-12));
    assertThat(PairedStatistics.mcnemarPValue(new PairedStatistics.Discordance(0, 0, 50))).isEqualTo(1.0);
  }

  @Test
  void mcnemarGainBoundIsBelowTheGainAndZeroWithoutDisagreement() {
    PairedStatistics.Discordance d = new PairedStatistics.Discordance(60, 20, 1_000);

    double bound = PairedStatistics.mcnemarGainLowerBound(d, 0.95);

    assertThat(bound).isPositive().isLessThan(d.gain());
    assertThat(PairedStatistics.mcnemarGainLowerBound(new PairedStatistics.Discordance(0, 0, 1_000), 0.95)).isZero();
    assertThat(PairedStatistics.mcnemarGainLowerBound(new PairedStatistics.Discordance(11, 9, 1_000), 0.95))
        .isNegative();
  }

  @Test
  void countsDiscordantRowsOfTwoClassifiers() {
    float[] labels = {1, 1, 0, 0, 1};
    double[] candidate = {0.9, 0.8, 0.2, 0.7, 0.4};
    double[] champion = {0.9, 0.3, 0.6, 0.1, 0.4};

    PairedStatistics.Discordance d = PairedStatistics.discordance(labels, candidate, champion);

    assertThat(d.onlyCandidateRight()).isEqualTo(2);
    assertThat(d.onlyOtherRight()).isEqualTo(1);
    assertThat(d.rows()).isEqualTo(5);
  }

  @Test
  void wilsonLowerBoundMatchesTheClosedForm() {
    // p = 0.8, n = 100, z = 1.6449: (p + z²/2n - z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)
    assertThat(PairedStatistics.wilsonLowerBound(80, 100, 0.95)).isCloseTo(0.72668, within(1e-4));
    assertThat(PairedStatistics.wilsonLowerBound(0, 0, 0.95)).isZero();
  }

  @Test
  void aucRanksPositivesOverNegativesWithTiesSharingTheirRank() {
    float[] labels = {0, 0, 1, 1};
    int[] all = PairedStatistics.everyRowOnce(4);

    assertThat(PairedStatistics.auc(labels, new double[] {0.1, 0.4, 0.35, 0.8}, all)).isCloseTo(0.75, within(1e-12));
    assertThat(PairedStatistics.auc(labels, new double[] {0.5, 0.5, 0.5, 0.5}, all)).isCloseTo(0.5, within(1e-12));
    assertThat(PairedStatistics.auc(new float[] {1, 1}, new double[] {0.2, 0.9}, PairedStatistics.everyRowOnce(2)))
        .isNaN();
    // drawing the second negative twice and the first positive not at all: ranks 0.1, 0.4, 0.4, 0.8
    assertThat(PairedStatistics.auc(labels, new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {1, 2, 0, 1}))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void logLossOfTheClassPriorIsItsEntropy() {
    float[] labels = {1, 1, 1, 0};
    double entropy = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));

    assertThat(PairedStatistics.constantLogLoss(labels, 0.75, PairedStatistics.everyRowOnce(4)))
        .isCloseTo(entropy, within(1e-12));
    assertThat(PairedStatistics.constantAccuracy(labels, 1, PairedStatistics.everyRowOnce(4))).isEqualTo(0.75);
  }

  @Test
  void blockBootstrapBoundIsSeededBelowTheEstimateAndWiderWhenRowsComeInRuns() {
    int rows = 2_500;
    double[] independent = new double[rows];
    double[] inRuns = new double[rows];
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    double run = 0;
    for (int i = 0; i < rows; i++) {
      independent[i] = random.nextDouble() < 0.6 ? 1 : 0;
      if (i % 50 == 0) {
        run = random.nextDouble() < 0.6 ? 1 : 0;
      }
      inRuns[i] = run;
    }
    double independentMean = mean(independent, PairedStatistics.everyRowOnce(rows));
    double inRunsMean = mean(inRuns, PairedStatistics.everyRowOnce(rows));

    double independentBound = PairedStatistics.blockBootstrapLowerBound(rows, at -> mean(independent, at), 0.95,
        1_000, 7);
    double inRunsBound = PairedStatistics.blockBootstrapLowerBound(rows, at -> mean(inRuns, at), 0.95, 1_000, 7);

    assertThat(independentBound).isLessThan(independentMean);
    assertThat(inRunsMean - inRunsBound).as("runs of 50 equal rows carry less evidence than 2,500 draws")
        .isGreaterThan(2 * (independentMean - independentBound));
    ToDoubleFunction<int[]> statistic = at -> mean(inRuns, at);
    assertThat(PairedStatistics.blockBootstrapLowerBound(rows, statistic, 0.95, 1_000, 7)).isEqualTo(inRunsBound);
  }

  private static double mean(double[] values, int[] draws) {
    double sum = 0;
    long total = 0;
    for (int i = 0; i < values.length; i++) {
      sum += draws[i] * values[i];
      total += draws[i];
    }
    return sum / total;
  }
}
