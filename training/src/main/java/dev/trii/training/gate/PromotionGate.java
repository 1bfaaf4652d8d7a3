package dev.trii.training.gate;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.PromotionDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a candidate model version against the gates: the data-quality precondition (when checks exist for
 * the training dates), every absolute threshold, and — when there is a champion — every comparison with the
 * champion measured on the same holdout. The result lists every check and says in one line why it passed or
 * failed.
 */
public final class PromotionGate {

  private final GateConfig config;

  public PromotionGate(GateConfig config) {
    this.config = config;
  }

  /**
   * The decision of a run that promotes on pass.
   *
   * @param candidateMetrics the candidate's evaluation metrics
   * @param champion the champion's evidence, null when there is no champion yet
   * @param quality the quality checks of the training dates, null when none were recorded
   * @return the decision, not yet recorded ({@code decidedAt} null)
   */
  public PromotionDecision decide(String modelName, int candidateVersion, Map<String, Double> candidateMetrics,
      ChampionEvidence champion, QualityEvidence quality) {
    return decide(modelName, candidateVersion, candidateMetrics, champion, quality, true);
  }

  /**
   * The decision, for a run that promotes on pass ({@code promotion} true) or only judges: then the verdict and
   * checks are the same, and the summary says the candidate would have become champion and that nothing was
   * recorded or promoted.
   */
  public PromotionDecision decide(String modelName, int candidateVersion, Map<String, Double> candidateMetrics,
      ChampionEvidence champion, QualityEvidence quality, boolean promotion) {
    List<GateCheck> checks = new ArrayList<>();
    if (config.dataQuality().enabled() && quality != null) {
      checks.add(qualityCheck(quality));
    }
    for (AbsoluteThreshold threshold : config.thresholds()) {
      checks.add(thresholdCheck(threshold, candidateMetrics));
    }
    if (champion != null) {
      for (ChampionComparison comparison : config.comparisons()) {
        checks.add(comparisonCheck(comparison, candidateMetrics, champion));
      }
    }
    List<GateCheck> failed = checks.stream().filter(check -> !check.passed()).toList();
    boolean passed = failed.isEmpty();
    return new PromotionDecision(modelName, candidateVersion, champion == null ? null : champion.version(), passed,
        checks, summary(candidateVersion, checks, failed, champion, qualityNote(quality), promotion), null);
  }

  private String qualityNote(QualityEvidence quality) {
    if (!config.dataQuality().enabled()) {
      return "data-quality precondition disabled";
    }
    return quality == null ? "no quality checks recorded for the training dates" : null;
  }

  private GateCheck qualityCheck(QualityEvidence quality) {
    DataQualityRule rule = config.dataQuality();
    int failures = quality.failures().size();
    String failed = failures + " of " + quality.checks() + " quality checks for " + quality.from() + ".."
        + quality.to() + (rule.policy() == DataQualityRule.Policy.EXCLUDE ? " on the sessions trained on" : "")
        + " failed (at most " + rule.maxFailedChecks() + " allowed)" + firstOf(quality.failures());
    if (rule.policy() == DataQualityRule.Policy.REFUSE) {
      return new GateCheck("data_quality failed_checks <= " + rule.maxFailedChecks(), failures,
          rule.maxFailedChecks(), failures <= rule.maxFailedChecks(), failed);
    }
    int excluded = quality.excludedSessions().size();
    double share = quality.excludedShare();
    boolean passed = share <= rule.maxExcludedShare() && failures <= rule.maxFailedChecks();
    String detail = String.format(Locale.ROOT, "%d of %d labelled sessions (%.1f%%) left out of training for failed "
            + "quality checks (at most %.1f%% allowed)%s; %s", excluded, quality.labelledSessions(), 100 * share,
        100 * rule.maxExcludedShare(), firstOf(quality.excludedSessions()), failed);
    return new GateCheck("data_quality excluded_sessions_share <= "
        + java.math.BigDecimal.valueOf(rule.maxExcludedShare()).stripTrailingZeros().toPlainString(), share,
        rule.maxExcludedShare(), passed, detail);
  }

  private static String firstOf(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    return ": " + String.join(", ", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? ", ..." : "");
  }

  private static GateCheck thresholdCheck(AbsoluteThreshold threshold, Map<String, Double> metrics) {
    Double value = metrics.get(threshold.metric());
    if (value == null || value.isNaN()) {
      return new GateCheck(threshold.describe(), Double.NaN, threshold.value(), false,
          threshold.metric() + " was not computed for the candidate");
    }
    boolean passed = threshold.holds(value);
    return new GateCheck(threshold.describe(), value, threshold.value(), passed,
        threshold.metric() + " = " + format(value) + (passed ? " meets " : " does not meet ")
            + threshold.operator().symbol() + " " + format(threshold.value()));
  }

  private static GateCheck comparisonCheck(ChampionComparison comparison, Map<String, Double> candidateMetrics,
      ChampionEvidence champion) {
    String name = comparison.metric() + " vs champion v" + champion.version() + " (" + comparison.describe() + ")";
    Double candidate = candidateMetrics.get(comparison.metric());
    double candidateValue = candidate == null ? Double.NaN : candidate;
    if (champion.problem() != null) {
      return new GateCheck(name, candidateValue, Double.NaN, false,
          "the champion could not be evaluated on the candidate's holdout: " + champion.problem());
    }
    Double championValue = champion.metrics().get(comparison.metric());
    if (candidate == null || candidate.isNaN() || championValue == null || championValue.isNaN()) {
      return new GateCheck(name, candidateValue, Double.NaN, false, comparison.metric() + " is missing for the "
          + (candidate == null || candidate.isNaN() ? "candidate" : "champion"));
    }
    double bound = comparison.bound(championValue);
    boolean passed = comparison.passes(candidate, championValue);
    String detail = String.format(Locale.ROOT, "candidate %s vs champion %s on the same holdout (%+.2f%% of "
            + "|champion|): %s %s %s", format(candidate), format(championValue),
        100 * comparison.relativeImprovement(candidate, championValue),
        passed ? "meets" : "misses", comparison.higherIsBetter() ? ">=" : "<=", format(bound));
    return new GateCheck(name, candidate, bound, passed, detail);
  }

  private static String summary(int candidateVersion, List<GateCheck> checks, List<GateCheck> failed,
      ChampionEvidence champion, String qualityNote, boolean promotion) {
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
      summary.append("; no champion yet: only absolute thresholds applied");
    } else {
      summary.append("; compared with champion v").append(champion.version()).append(" on the same holdout");
    }
    if (qualityNote != null) {
      summary.append("; ").append(qualityNote);
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
