package dev.trii.batch.report;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.accuracy.LiveAccuracy.Tally;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.training.TrainingOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The model part of the report: the champion of the platform's model from the registry (its run's metrics, the
 * decision that promoted it, the moves of the alias, the refused candidates) and its live hit rate from {@link
 * LiveAccuracy}.
 */
final class ModelQueries {

  /** Moves of the champion alias shown. */
  static final int HISTORY = 8;
  /** Refused candidates shown. */
  static final int REFUSALS = 5;
  /** Days of the champion's live hit rate charted, up to the report's day. */
  static final int LIVE_DAYS = 30;
  /** Days of live counts read to find the report's day and the day before it. */
  private static final int LIVE_DAYS_READ = 1_000;

  private final ModelRegistry registry;
  private final String modelName;
  private final LiveAccuracy live;

  ModelQueries(ModelRegistry registry, String modelName, LiveAccuracy live) {
    this.registry = registry;
    this.modelName = modelName;
    this.live = live;
  }

  /**
   * The model as the registry has it now.
   *
   * @param changes the moves of the champion alias, newest first ({@link #championChanges()})
   */
  ModelDay model(LocalDate date, Instant asOf, List<AliasChange> changes) {
    List<ModelVersion> versions = registry.listModelVersions(modelName);
    List<PromotionDecision> decisions = registry.listDecisions(modelName);
    List<PromotionDecision> refused = decisions.stream().filter(d -> !d.promoted()).toList();
    ModelDay.Champion champion = registry.getVersionByAlias(modelName, ModelRegistry.CHAMPION)
        .map(version -> champion(version, decisions, date)).orElse(null);
    return new ModelDay(modelName, asOf, versions.size(), champion, first(changes, HISTORY),
        first(refused, REFUSALS), refused.size());
  }

  /** Every move of the champion alias, newest first. */
  List<AliasChange> championChanges() {
    List<AliasChange> changes = new ArrayList<>(registry.aliasChanges(modelName, ModelRegistry.CHAMPION));
    changes.sort(Comparator.comparing(AliasChange::changedAt).reversed());
    return changes;
  }

  /** The live counts of a version's predictions about one trading day; null when there are none. */
  Tally liveOn(int version, LocalDate date) {
    return liveDays(version).stream().filter(t -> t.firstDay().equals(date)).findFirst().orElse(null);
  }

  /** The version the champion alias pointed at, at an instant, from its moves (newest first); null for none. */
  static Integer championAt(List<AliasChange> changes, Instant at) {
    return changes.stream().filter(c -> !c.changedAt().isAfter(at)).findFirst().map(AliasChange::version)
        .orElse(null);
  }

  /** The moves after an instant, newest first. */
  static List<AliasChange> movesAfter(List<AliasChange> changes, Instant after) {
    return changes.stream().filter(c -> c.changedAt().isAfter(after)).toList();
  }

  private ModelDay.Champion champion(ModelVersion version, List<PromotionDecision> decisions, LocalDate date) {
    PromotionDecision promotedBy = decisions.stream()
        .filter(d -> d.candidateVersion() == version.version() && d.promoted()).findFirst().orElse(null);
    List<Tally> days = new ArrayList<>(liveDays(version.version()).stream()
        .filter(t -> !t.firstDay().isAfter(date)).toList());
    Collections.reverse(days);
    Tally day = days.isEmpty() || !days.get(days.size() - 1).firstDay().equals(date) ? null
        : days.get(days.size() - 1);
    return new ModelDay.Champion(version, metrics(version), promotedBy, day,
        live.version(modelName, version.version()).orElse(null),
        days.subList(Math.max(0, days.size() - LIVE_DAYS), days.size()));
  }

  private List<Tally> liveDays(int version) {
    return live.days(modelName, version, LIVE_DAYS_READ);
  }

  /** The run's key metrics in training's order; its other metrics (gains aside) when it logged none of them. */
  private Map<String, Double> metrics(ModelVersion version) {
    if (version.runId() == null) {
      return Map.of();
    }
    Map<String, Double> all;
    try {
      all = registry.getRun(version.runId()).metrics();
    } catch (NoSuchElementException e) {
      return Map.of();
    }
    Map<String, Double> key = new LinkedHashMap<>();
    for (String name : TrainingOutcome.KEY_METRICS) {
      if (all.containsKey(name)) {
        key.put(name, all.get(name));
      }
    }
    if (key.isEmpty()) {
      new TreeMap<>(all).forEach((name, value) -> {
        if (!name.startsWith("gain_")) {
          key.put(name, value);
        }
      });
    }
    return key;
  }

  private static <T> List<T> first(List<T> list, int count) {
    return list.subList(0, Math.min(count, list.size()));
  }
}
