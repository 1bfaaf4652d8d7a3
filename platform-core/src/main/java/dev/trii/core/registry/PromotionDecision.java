package dev.trii.core.registry;

import java.time.Instant;
import java.util.List;

/**
 * The gate's verdict on a candidate model version: every check, the champion it was compared with, and — once
 * recorded — what became of it.
 *
 * @param championVersion the champion the candidate was compared with, null when there was none
 * @param decidedAt null until recorded
 * @param outcome null until recorded
 */
public record PromotionDecision(String modelName, int candidateVersion, Integer championVersion, boolean passed,
    List<GateCheck> checks, String summary, Instant decidedAt, Outcome outcome) {

  /** What recording a decision did to the champion alias. */
  public enum Outcome {
    /** The gate passed and the alias still pointed at {@code championVersion}: it now points at the candidate. */
    PROMOTED,
    /** The gate failed: the champion stays. */
    KEPT,
    /**
     * The gate passed, but by the time it was recorded another run had moved the alias away from the version this
     * candidate was compared with: nothing moved (promotion is compare-and-set).
     */
    SUPERSEDED
  }

  public PromotionDecision {
    checks = List.copyOf(checks);
  }

  /** A decision not yet recorded. */
  public PromotionDecision(String modelName, int candidateVersion, Integer championVersion, boolean passed,
      List<GateCheck> checks, String summary, Instant decidedAt) {
    this(modelName, candidateVersion, championVersion, passed, checks, summary, decidedAt, null);
  }

  /** True when the candidate became champion (before recording: when the gate passed). */
  public boolean promoted() {
    return outcome == null ? passed : outcome == Outcome.PROMOTED;
  }

  /** This decision as recorded. */
  public PromotionDecision recorded(Instant at, Outcome what, String recordedSummary) {
    return new PromotionDecision(modelName, candidateVersion, championVersion, passed, checks, recordedSummary, at,
        what);
  }

  /**
   * The summary of a passing decision that lost the race: the champion moved from the compared version to
   * {@code championNow} first.
   */
  public String supersededSummary(Integer championNow) {
    return summary + "; superseded: the champion moved from " + describe(championVersion) + " to "
        + describe(championNow) + " before this decision was recorded, so v" + candidateVersion
        + " was not promoted (train again to compare it with the new champion)";
  }

  private static String describe(Integer version) {
    return version == null ? "none" : "v" + version;
  }
}
