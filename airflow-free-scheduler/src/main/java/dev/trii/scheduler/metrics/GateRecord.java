package dev.trii.scheduler.metrics;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.PromotionDecision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model's recorded gate decisions say: the verdict of each check of the latest decision, how many decisions
 * failed since the last one that passed, and how many passed and failed in all.
 *
 * @param latestChecks check name to passed, of the newest decision (empty before any decision)
 * @param consecutiveFailures decisions that failed since the newest one that passed (all of them when none passed)
 */
public record GateRecord(Map<String, Boolean> latestChecks, int consecutiveFailures, long passed, long failed) {

  public GateRecord {
    latestChecks = Map.copyOf(latestChecks);
  }

  /**
   * The record of a model's decisions.
   *
   * @param decisions the model's decisions, newest first (as {@code ModelRegistry.listDecisions} gives them)
   */
  public static GateRecord of(List<PromotionDecision> decisions) {
    Map<String, Boolean> checks = new LinkedHashMap<>();
    if (!decisions.isEmpty()) {
      for (GateCheck check : decisions.get(0).checks()) {
        // a check named twice in one decision (never written so) counts as failed if either failed
        checks.merge(check.name(), check.passed(), Boolean::logicalAnd);
      }
    }
    int streak = 0;
    while (streak < decisions.size() && !decisions.get(streak).passed()) {
      streak++;
    }
    long passed = decisions.stream().filter(PromotionDecision::passed).count();
    return new GateRecord(checks, streak, passed, decisions.size() - passed);
  }
}
