package dev.trii.training.gate;

import java.util.Locale;

/**
 * A paired comparison of the candidate with the champion on one metric, both predicting the very same holdout rows:
 * the candidate passes when the one-sided lower confidence bound of its gain over the champion exceeds
 * {@code minGain}. The gain is measured in the metric's good direction (the champion's log loss minus the
 * candidate's), so a positive {@code minGain} demands a proven improvement and a negative one tolerates at most that
 * much loss ("not worse"). A tie never passes a {@code minGain} of 0: the champion stays.
 *
 * <p>Accuracy is tested with McNemar's exact test on the discordant rows; ROC-AUC and log loss with a paired
 * moving-block bootstrap ({@link PairedStatistics}).
 */
public record ChampionComparison(Metric metric, double minGain) {

  /** The metrics a champion comparison can be on. */
  public enum Metric {
    ACCURACY("accuracy"),
    ROC_AUC("roc_auc"),
    LOG_LOSS("log_loss");

    private final String key;

    Metric(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** The metric as the gates file names it, or null. */
    public static Metric parse(String text) {
      for (Metric metric : values()) {
        if (metric.key.equals(text)) {
          return metric;
        }
      }
      return null;
    }
  }

  public ChampionComparison {
    if (!(minGain >= -1 && minGain <= 1)) {
      throw new IllegalArgumentException("min_gain of the " + metric.key() + " comparison must be in [-1, 1], got "
          + minGain);
    }
  }

  /** E.g. {@code holdout accuracy vs champion: gain lower bound > 0}. */
  public String describe() {
    return "holdout " + metric.key() + " vs champion: gain lower bound > "
        + String.format(Locale.ROOT, "%s", minGain);
  }
}
