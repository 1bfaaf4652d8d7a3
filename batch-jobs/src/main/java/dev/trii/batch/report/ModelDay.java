package dev.trii.batch.report;

import dev.trii.core.accuracy.LiveAccuracy.Tally;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's model in the report, as the registry and the live-accuracy counts show it when the report is built:
 * the champion with its metrics, the gate decision that promoted it and its live hit rate; how the champion moved
 * (promotions, rollbacks) and the recent decisions that refused a candidate.
 *
 * @param asOf when the registry was read
 * @param versions versions of the model registered so far
 * @param champion null when no version is champion
 * @param history moves of the champion alias, newest first (the latest few)
 * @param refusals decisions that did not promote their candidate, newest first (the latest few)
 * @param refusalsTotal every decision that did not promote its candidate
 */
public record ModelDay(String modelName, Instant asOf, int versions, Champion champion, List<AliasChange> history,
    List<PromotionDecision> refusals, int refusalsTotal) {

  /**
   * The champion version.
   *
   * @param metrics the training run's key metrics, in the order training lists them (empty when the run is gone)
   * @param promotedBy the gate decision that promoted it; null when it was moved there by hand or a rollout
   * @param liveDay the live counts of its predictions about the report's trading day; null when there are none
   * @param liveTotal the live counts over every day; null when the scoring API has logged none of its predictions
   * @param liveDays its days with live counts, oldest first (the latest few weeks)
   */
  public record Champion(ModelVersion version, Map<String, Double> metrics, PromotionDecision promotedBy,
      Tally liveDay, Tally liveTotal, List<Tally> liveDays) {

    public Champion {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      liveDays = List.copyOf(liveDays);
    }

    public int number() {
      return version.version();
    }

    /** True when the scoring API has logged at least one prediction of this version. */
    public boolean anyPredictions() {
      return liveTotal != null && liveTotal.predictions() > 0;
    }
  }

  public ModelDay {
    history = List.copyOf(history);
    refusals = List.copyOf(refusals);
  }

  /** What a move of the champion alias was, in words; for the template. */
  public String kind(AliasChange move) {
    return kindOf(move);
  }

  /** The checks of a decision that failed. */
  public List<GateCheck> failedChecks(PromotionDecision decision) {
    return decision.checks().stream().filter(c -> !c.passed()).toList();
  }

  /**
   * What a move of the champion alias was: {@code first champion}, {@code promoted by the gate}, {@code promoted by
   * a canary rollout}, {@code rolled back} or {@code promoted by hand}, told from the versions and the recorded
   * reason.
   */
  public static String kindOf(AliasChange move) {
    String reason = move.reason() == null ? "" : move.reason().toLowerCase(Locale.ROOT);
    if (move.previousVersion() == null) {
      return "first champion";
    }
    if (reason.startsWith("gate passed")) {
      return "promoted by the gate";
    }
    if (reason.startsWith("rollout ")) {
      return "promoted by a canary rollout";
    }
    if (reason.contains("rollback") || reason.contains("rolled back") || reason.contains("roll back")
        || move.version() < move.previousVersion()) {
      return "rolled back";
    }
    return "promoted by hand";
  }
}
