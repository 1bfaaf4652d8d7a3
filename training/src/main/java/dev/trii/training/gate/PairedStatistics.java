package dev.trii.training.gate;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * The statistics behind the gates' confidence bounds, on paired per-row outcomes of one holdout:
 *
 * <ul>
 *   <li>McNemar's exact test for two classifiers' accuracy on the same rows: only the discordant rows (one right,
 *       the other wrong) carry information; under "equally accurate" each goes either way with probability 1/2.
 *       The one-sided p-value is a binomial tail; the lower confidence bound of the accuracy gain comes from the
 *       Wilson bound of the share of discordant rows the candidate got right.
 *   <li>A moving-block bootstrap for any other paired statistic (accuracy over a constant baseline, AUC, log loss):
 *       holdout rows are consecutive in time, and labels that look forward over the same minutes are not
 *       independent, so rows are resampled in blocks of consecutive rows (at least the square root of the row count)
 *       rather than one by one, which would understate the uncertainty. Seeded: the same rows give the same bound.
 * </ul>
 */
public final class PairedStatistics {

  private PairedStatistics() {}

  /** Discordant counts of two classifiers on the same rows: only one of them right. */
  public record Discordance(long onlyCandidateRight, long onlyOtherRight, long rows) {

    public long discordant() {
      return onlyCandidateRight + onlyOtherRight;
    }

    /** The candidate's accuracy minus the other's. */
    public double gain() {
      return rows == 0 ? 0 : (double) (onlyCandidateRight - onlyOtherRight) / rows;
    }
  }

  /** Counts the rows where exactly one of two 0/1 predictions matches the label. */
  public static Discordance discordance(float[] labels, double[] candidate, double[] other) {
    long candidateOnly = 0;
    long otherOnly = 0;
    for (int i = 0; i < labels.length; i++) {
      boolean actual = labels[i] > 0.5f;
      boolean candidateRight = (candidate[i] >= 0.5) == actual;
      boolean otherRight = (other[i] >= 0.5) == actual;
      if (candidateRight && !otherRight) {
        candidateOnly++;
      } else if (otherRight && !candidateRight) {
        otherOnly++;
      }
    }
    return new Discordance(candidateOnly, otherOnly, labels.length);
  }

  /**
   * McNemar's exact one-sided p-value for "the candidate is more accurate": P(X ≥ onlyCandidateRight) for X ~
   * Binomial(discordant, 1/2); 1 when there is no discordant row.
   */
  public static double mcnemarPValue(Discordance d) {
    long n = d.discordant();
    if (n == 0) {
      return 1.0;
    }
    // P(X >= k) = 1 - P(X <= k - 1)
    BinomialDistribution equallyAccurate = new BinomialDistribution(null, Math.toIntExact(n), 0.5);
    return Math.min(1.0, 1.0 - equallyAccurate.cumulativeProbability(Math.toIntExact(d.onlyCandidateRight()) - 1));
  }

  /**
   * The one-sided lower confidence bound of the accuracy gain from McNemar's discordant rows: the Wilson lower bound
   * of the share the candidate won, turned back into a gain over all rows.
   */
  public static double mcnemarGainLowerBound(Discordance d, double confidence) {
    long n = d.discordant();
    if (n == 0 || d.rows() == 0) {
      return 0;
    }
    double share = wilsonLowerBound(d.onlyCandidateRight(), n, confidence);
    return (2 * share - 1) * n / d.rows();
  }

  /** The one-sided Wilson score lower bound of a proportion {@code successes / trials}; 0 without trials. */
  public static double wilsonLowerBound(long successes, long trials, double confidence) {
    if (trials == 0) {
      return 0;
    }
    // the lower end of the two-sided interval at 2c - 1 is the one-sided bound at c
    return Math.max(0, new WilsonScoreInterval().createInterval(Math.toIntExact(trials),
        Math.toIntExact(successes), 2 * confidence - 1).getLowerBound());
  }

  /**
   * The one-sided lower confidence bound of a paired statistic by the moving-block bootstrap: the statistic is
   * evaluated on {@code resamples} resamples (blocks of consecutive rows drawn with replacement until the original
   * row count is reached) and the {@code 1 − confidence} quantile returned.
   *
   * @param statistic computes the statistic from the times each row was drawn in one resample (the original: every
   *     row once, {@link #everyRowOnce})
   */
  public static double blockBootstrapLowerBound(int rows, ToDoubleFunction<int[]> statistic, double confidence,
      int resamples, long seed) {
    if (rows == 0) {
      return Double.NaN;
    }
    int block = Math.max(1, (int) Math.ceil(Math.sqrt(rows)));
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    int[] draws = new int[rows];
    int taken = 0;
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(draws, 0);
      int filled = 0;
      while (filled < rows) {
        int start = random.nextInt(rows - block + 1);
        for (int j = 0; j < block && filled < rows; j++, filled++) {
          draws[start + j]++;
        }
      }
      double value = statistic.applyAsDouble(draws);
      if (!Double.isNaN(value)) {
        values[taken++] = value;
      }
    }
    if (taken == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, taken);
    Arrays.sort(sorted);
    int at = (int) Math.floor((1 - confidence) * (taken - 1));
    return sorted[Math.max(0, Math.min(taken - 1, at))];
  }

  /** Accuracy of probabilities (≥ 0.5 is label 1), each row counted {@code draws[i]} times. */
  public static double accuracy(float[] labels, double[] probabilities, int[] draws) {
    long hits = 0;
    long total = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((probabilities[i] >= 0.5) == (labels[i] > 0.5f)) {
        hits += draws[i];
      }
      total += draws[i];
    }
    return (double) hits / total;
  }

  /** Accuracy of always answering {@code label}, each row counted {@code draws[i]} times. */
  public static double constantAccuracy(float[] labels, int label, int[] draws) {
    long hits = 0;
    long total = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] > 0.5f) == (label == 1)) {
        hits += draws[i];
      }
      total += draws[i];
    }
    return (double) hits / total;
  }

  /** Mean log loss (probabilities clipped to [1e-15, 1 − 1e-15]), each row counted {@code draws[i]} times. */
  public static double logLoss(float[] labels, double[] probabilities, int[] draws) {
    double sum = 0;
    long total = 0;
    for (int i = 0; i < labels.length; i++) {
      if (draws[i] == 0) {
        continue;
      }
      double p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
      sum -= draws[i] * (labels[i] > 0.5f ? Math.log(p) : Math.log(1 - p));
      total += draws[i];
    }
    return sum / total;
  }

  /** Log loss of always answering probability {@code p}, each row counted {@code draws[i]} times. */
  public static double constantLogLoss(float[] labels, double p, int[] draws) {
    double clipped = Math.min(1 - 1e-15, Math.max(1e-15, p));
    long positives = 0;
    long total = 0;
    for (int i = 0; i < labels.length; i++) {
      positives += labels[i] > 0.5f ? draws[i] : 0;
      total += draws[i];
    }
    return -(positives * Math.log(clipped) + (total - positives) * Math.log(1 - clipped)) / total;
  }

  /**
   * Probabilities sorted once, so that the ROC-AUC of any resample is one pass: the rank-sum of the positives with
   * tied probabilities sharing their average rank.
   */
  public static final class Ranking {

    private final float[] labels;
    private final double[] probabilities;
    private final int[] order;

    public Ranking(float[] labels, double[] probabilities) {
      this.labels = labels;
      this.probabilities = probabilities;
      this.order = java.util.stream.IntStream.range(0, probabilities.length).boxed()
          .sorted((x, y) -> Double.compare(probabilities[x], probabilities[y]))
          .mapToInt(Integer::intValue).toArray();
    }

    /** ROC-AUC with each row counted {@code draws[i]} times; NaN when the drawn rows hold a single class. */
    public double auc(int[] draws) {
      double positiveRanks = 0;
      long positives = 0;
      long ranked = 0;
      int k = 0;
      while (k < order.length) {
        int end = k;
        long group = draws[order[k]];
        long groupPositives = labels[order[k]] > 0.5f ? draws[order[k]] : 0;
        while (end + 1 < order.length && probabilities[order[end + 1]] == probabilities[order[k]]) {
          end++;
          group += draws[order[end]];
          groupPositives += labels[order[end]] > 0.5f ? draws[order[end]] : 0;
        }
        // the group occupies ranks ranked+1 .. ranked+group: every member gets their mean
        positiveRanks += groupPositives * (ranked + (group + 1) / 2.0);
        positives += groupPositives;
        ranked += group;
        k = end + 1;
      }
      long negatives = ranked - positives;
      if (positives == 0 || negatives == 0) {
        return Double.NaN;
      }
      return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
  }

  /** ROC-AUC with each row counted {@code draws[i]} times (sorts; use a {@link Ranking} for many resamples). */
  public static double auc(float[] labels, double[] probabilities, int[] draws) {
    return new Ranking(labels, probabilities).auc(draws);
  }

  /** Every one of {@code n} rows drawn once: the original sample. */
  public static int[] everyRowOnce(int n) {
    int[] draws = new int[n];
    Arrays.fill(draws, 1);
    return draws;
  }
}
