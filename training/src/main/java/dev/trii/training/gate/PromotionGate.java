package dev.trii.training.gate;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.PromotionDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Judges a candidate model version against the gates, on data it never learned from: the data-quality precondition,
 * every absolute threshold, the lift over the naive baseline on the holdout (with confidence bounds), and — when
 * there is a champion — paired comparisons with the champion on the very same holdout rows. The result lists every
 * check, its value, its bound and its confidence bound, and says in one line why it passed or failed.
 */
public final class PromotionGate {

  private final GateConfig config;

  public PromotionGate(GateConfig config) {
    this.config = config;
  }

  /**
   * The decision.
   *
   * @param candidateMetrics the candidate's evaluation metrics
   * @param holdout the candidate's holdout labels and predictions
   * @param champion the champion's evidence, null when there is no champion yet
   * @param quality the quality verdicts of the sessions trained on; null fails the data-quality check (when the
   *     gates enable it)
   * @param promotion true when the run promotes on pass; false when it only judges (the summary says so)
   * @return the decision, not yet recorded ({@code decidedAt} null)
   */
  public PromotionDecision decide(String modelName, int candidateVersion, Map<String, Double> candidateMetrics,
      HoldoutEvidence holdout, ChampionEvidence champion, QualityEvidence quality, boolean promotion) {
    List<GateCheck> checks = new ArrayList<>();
    if (config.dataQuality().enabled()) {
      checks.add(qualityCheck(quality));
    }
    for (AbsoluteThreshold threshold : config.thresholds()) {
      checks.add(thresholdCheck(threshold, candidateMetrics));
    }
    if (config.lift().enabled()) {
      checks.addAll(liftChecks(holdout));
    }
    if (champion != null) {
      checks.addAll(championChecks(holdout, champion));
    }
    List<GateCheck> failed = checks.stream().filter(check -> !check.passed()).toList();
    return new PromotionDecision(modelName, candidateVersion, champion == null ? null : champion.version(),
        failed.isEmpty(), checks, summary(candidateVersion, checks, failed, champion, promotion), null);
  }

  private GateCheck qualityCheck(QualityEvidence quality) {
    DataQualityRule rule = config.dataQuality();
    if (quality == null) {
      return new GateCheck("data_quality every session trained on checked", Double.NaN, 0, false,
          "no quality verdicts were read for the data trained on");
    }
    int failures = quality.failures().size();
    int unchecked = quality.unchecked().size();
    String checked = failures + " of " + quality.checks() + " quality checks of the sessions trained on failed (at "
        + "most " + rule.maxFailedChecks() + " allowed)" + firstOf(quality.failures()) + "; " + unchecked
        + " session(s) trained on had no quality verdict" + firstOf(quality.unchecked());
    if (rule.policy() == DataQualityRule.Policy.REFUSE) {
      boolean passed = failures <= rule.maxFailedChecks() && unchecked == 0;
      return new GateCheck("data_quality failed_checks <= " + rule.maxFailedChecks() + " and every session checked",
          failures, rule.maxFailedChecks(), passed, checked);
    }
    int excluded = quality.excludedSessions().size();
    double share = quality.excludedShare();
    boolean passed = share <= rule.maxExcludedShare() && failures <= rule.maxFailedChecks() && unchecked == 0;
    String detail = String.format(Locale.ROOT, "%d of %d labelled sessions (%.1f%%) left out of training for failed "
            + "quality checks (at most %.1f%% allowed)%s; %s", excluded, quality.labelledSessions(), 100 * share,
        100 * rule.maxExcludedShare(), firstOf(quality.excludedSessions()), checked);
    return new GateCheck("data_quality excluded_sessions_share <= "
        + java.math.BigDecimal.valueOf(rule.maxExcludedShare()).stripTrailingZeros().toPlainString()
        + " and every session checked", share, rule.maxExcludedShare(), passed, detail);
  }

  /** A bound on one metric, judged on its value; an accuracy also shows its Wilson lower bound. */
  private GateCheck thresholdCheck(AbsoluteThreshold threshold, Map<String, Double> metrics) {
    Double value = metrics.get(threshold.metric());
    if (value == null || value.isNaN()) {
      return new GateCheck(threshold.describe(), Double.NaN, threshold.value(), false,
          threshold.metric() + " was not computed for the candidate");
    }
    boolean passed = threshold.holds(value);
    String detail = threshold.metric() + " = " + format(value) + (passed ? " meets " : " does not meet ")
        + threshold.operator().symbol() + " " + format(threshold.value());
    Double bound = null;
    String metric = threshold.metric();
    if (metric.endsWith("_accuracy") && !metric.endsWith("_baseline_accuracy")) {
      Double rows = metrics.get(metric.substring(0, metric.length() - "accuracy".length()) + "rows");
      if (rows != null && rows > 0) {
        double confidence = config.significance().confidence();
        bound = PairedStatistics.wilsonLowerBound(Math.round(value * rows), Math.round(rows), confidence);
        detail += String.format(Locale.ROOT, " (%.0f%% Wilson lower bound %.4f over %d rows)", 100 * confidence,
            bound, Math.round(rows));
      }
    }
    return new GateCheck(threshold.describe(), value, threshold.value(), passed, detail, bound);
  }

  /** Accuracy over the majority baseline, log loss under the class prior's, AUC over 0.5: each with its bound. */
  private List<GateCheck> liftChecks(HoldoutEvidence holdout) {
    LiftRule lift = config.lift();
    Significance sure = config.significance();
    float[] y = holdout.labels();
    double[] p = holdout.predictions();
    List<GateCheck> checks = new ArrayList<>();
    if (holdout.rows() == 0) {
      checks.add(new GateCheck("holdout lift over the naive baseline", Double.NaN, Double.NaN, false,
          "the holdout has no rows"));
      return checks;
    }
    int[] all = PairedStatistics.everyRowOnce(y.length);
    int majority = holdout.majorityClass();
    double accuracy = PairedStatistics.accuracy(y, p, all);
    double baseline = PairedStatistics.constantAccuracy(y, majority, all);
    double gain = accuracy - baseline;
    double gainBound = bound(y.length, at -> PairedStatistics.accuracy(y, p, at)
        - PairedStatistics.constantAccuracy(y, majority, at), sure);
    checks.add(new GateCheck("holdout_accuracy - majority baseline >= " + lift.minAccuracyGain()
        + ", lower bound > 0", gain, lift.minAccuracyGain(), gain >= lift.minAccuracyGain() && gainBound > 0,
        String.format(Locale.ROOT, "accuracy %.4f vs %.4f always answering %d: gain %+.4f, %.0f%% lower bound %+.4f "
            + "(block bootstrap over %d holdout rows)", accuracy, baseline, majority, gain, 100 * sure.confidence(),
            gainBound, y.length), gainBound));
    if (lift.logLossBelowPrior()) {
      double prior = holdout.priorPositiveRate();
      double logLoss = PairedStatistics.logLoss(y, p, all);
      double priorLogLoss = PairedStatistics.constantLogLoss(y, prior, all);
      double gap = priorLogLoss - logLoss;
      double gapBound = bound(y.length, at -> PairedStatistics.constantLogLoss(y, prior, at)
          - PairedStatistics.logLoss(y, p, at), sure);
      checks.add(new GateCheck("holdout_log_loss < class prior's log loss, lower bound of the gap > 0", gap, 0,
          gap > 0 && gapBound > 0, String.format(Locale.ROOT, "log loss %.4f vs %.4f answering the training prior "
              + "P(up) = %.3f: gap %+.4f, %.0f%% lower bound %+.4f", logLoss, priorLogLoss, prior, gap,
              100 * sure.confidence(), gapBound), gapBound));
    }
    PairedStatistics.Ranking ranking = new PairedStatistics.Ranking(y, p);
    double auc = ranking.auc(all);
    double aucBound = bound(y.length, ranking::auc, sure);
    double threshold = 0.5 + lift.minAucGain();
    checks.add(new GateCheck("holdout_roc_auc > " + format(threshold) + ", lower bound > 0.5", auc, threshold,
        !Double.isNaN(auc) && auc > threshold && aucBound > 0.5, Double.isNaN(auc)
            ? "the holdout holds a single class: no AUC"
            : String.format(Locale.ROOT, "ROC-AUC %.4f, %.0f%% lower bound %.4f", auc, 100 * sure.confidence(),
                aucBound), Double.isNaN(aucBound) ? null : aucBound));
    return checks;
  }

  /** The paired comparisons with the champion on the same holdout rows. */
  private List<GateCheck> championChecks(HoldoutEvidence holdout, ChampionEvidence champion) {
    ChampionRule rule = config.champion();
    List<GateCheck> checks = new ArrayList<>();
    String versus = "champion v" + champion.version();
    if (champion.obsolete()) {
      checks.add(new GateCheck(versus + " obsolete: replaced without comparison", 0, 0, true, champion.problem()
          + ": the scoring API refuses it, so the candidate replaces it on the thresholds and the lift alone"));
      return checks;
    }
    if (champion.problem() != null) {
      checks.add(new GateCheck("holdout vs " + versus, Double.NaN, Double.NaN, false,
          "the champion could not be evaluated on the candidate's holdout: " + champion.problem()));
      return checks;
    }
    checks.add(new GateCheck("holdout_rows >= " + rule.minHoldoutRows() + " to replace " + versus, holdout.rows(),
        rule.minHoldoutRows(), holdout.rows() >= rule.minHoldoutRows(), holdout.rows() + " holdout rows"
            + (holdout.rows() >= rule.minHoldoutRows() ? "" : ": too few to tell the candidate from the champion")));
    for (ChampionComparison comparison : rule.comparisons()) {
      checks.add(compare(comparison, holdout, champion.predictions(), versus));
    }
    return checks;
  }

  /** One paired comparison: the gain in the metric's good direction and its one-sided lower bound. */
  private GateCheck compare(ChampionComparison comparison, HoldoutEvidence holdout, double[] other, String versus) {
    Significance sure = config.significance();
    float[] y = holdout.labels();
    double[] candidate = holdout.predictions();
    int[] all = PairedStatistics.everyRowOnce(y.length);
    String name = "holdout " + comparison.metric().key() + " vs " + versus + ": gain lower bound > "
        + comparison.minGain();
    double gain;
    double gainBound;
    String detail;
    switch (comparison.metric()) {
      case ACCURACY -> {
        PairedStatistics.Discordance d = PairedStatistics.discordance(y, candidate, other);
        gain = d.gain();
        gainBound = PairedStatistics.mcnemarGainLowerBound(d, sure.confidence());
        detail = String.format(Locale.ROOT, "accuracy gain %+.4f; McNemar: %d rows only the candidate got right, "
                + "%d only the champion, one-sided p = %.4f; %.0f%% lower bound of the gain %+.4f", gain,
            d.onlyCandidateRight(), d.onlyOtherRight(), PairedStatistics.mcnemarPValue(d), 100 * sure.confidence(),
            gainBound);
      }
      case ROC_AUC -> {
        PairedStatistics.Ranking mine = new PairedStatistics.Ranking(y, candidate);
        PairedStatistics.Ranking theirs = new PairedStatistics.Ranking(y, other);
        double candidateAuc = mine.auc(all);
        double championAuc = theirs.auc(all);
        gain = candidateAuc - championAuc;
        gainBound = bound(y.length, at -> mine.auc(at) - theirs.auc(at), sure);
        detail = String.format(Locale.ROOT, "ROC-AUC %.4f vs %.4f: gain %+.4f, paired block bootstrap %.0f%% lower "
            + "bound %+.4f", candidateAuc, championAuc, gain, 100 * sure.confidence(), gainBound);
      }
      default -> {
        double candidateLoss = PairedStatistics.logLoss(y, candidate, all);
        double championLoss = PairedStatistics.logLoss(y, other, all);
        gain = championLoss - candidateLoss;
        gainBound = bound(y.length, at -> PairedStatistics.logLoss(y, other, at)
            - PairedStatistics.logLoss(y, candidate, at), sure);
        detail = String.format(Locale.ROOT, "log loss %.4f vs %.4f: reduction %+.4f, paired block bootstrap %.0f%% "
            + "lower bound %+.4f", candidateLoss, championLoss, gain, 100 * sure.confidence(), gainBound);
      }
    }
    boolean passed = !Double.isNaN(gainBound) && gainBound > comparison.minGain();
    return new GateCheck(name, gain, comparison.minGain(), passed, detail,
        Double.isNaN(gainBound) ? null : gainBound);
  }

  private static double bound(int rows, ToDoubleFunction<int[]> statistic, Significance sure) {
    return PairedStatistics.blockBootstrapLowerBound(rows, statistic, sure.confidence(), sure.resamples(),
        sure.seed());
  }

  private static String firstOf(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    return ": " + String.join(", ", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? ", ..." : "");
  }

  private static String summary(int candidateVersion, List<GateCheck> checks, List<GateCheck> failed,
      ChampionEvidence champion, boolean promotion) {
    StringBuilder summary = new StringBuilder();
    if (failed.isEmpty()) {
      summary.append("passed ").append(checks.size()).append('/').append(checks.size()).append(" checks");
    } else {
      summary.append("failed ").append(failed.size()).append(" of ").append(checks.size()).append(" checks (");
      for (int i = 0; i < failed.size(); i++) {
        GateCheck check = failed.get(i);
        summary.append(i == 0 ? "" : "; ").append(check.name());
        if (!Double.isNaN(check.value())) {
          summary.append(": ").append(format(check.value()));
        }
      }
      summary.append(')');
    }
    if (champion == null) {
      summary.append("; no champion yet: thresholds and lift over the baseline applied");
    } else if (champion.obsolete()) {
      summary.append("; champion v").append(champion.version())
          .append(" is obsolete (another feature set): thresholds and lift over the baseline applied");
    } else {
      summary.append("; compared with champion v").append(champion.version()).append(" on the same holdout rows");
    }
    if (failed.isEmpty()) {
      summary.append("; v").append(candidateVersion)
          .append(promotion ? " becomes champion" : " would become champion");
    } else if (champion != null) {
      summary.append("; champion v").append(champion.version()).append(" stays");
    } else {
      summary.append("; v").append(candidateVersion).append(" is not promoted");
    }
    if (!promotion) {
      summary.append("; promotion off for this run: decision not recorded, champion unchanged");
    }
    return summary.toString();
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
