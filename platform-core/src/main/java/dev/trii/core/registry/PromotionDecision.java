package dev.trii.core.registry;

import java.time.Instant;
import java.util.List;

/**
 * The gate's verdict on a candidate model version: every check, the champion it was compared with, and
 * whether the candidate became champion.
 *
 * @param championVersion the champion at decision time, null when there was none
 * @param decidedAt null until recorded
 */
public record PromotionDecision(String modelName, int candidateVersion, Integer championVersion, boolean passed,
    List<GateCheck> checks, String summary, Instant decidedAt) {

  public PromotionDecision {
    checks = List.copyOf(checks);
  }

  /** A passed decision promotes the candidate. */
  public boolean promoted() {
    return passed;
  }
}
