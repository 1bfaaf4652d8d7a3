package dev.trii.scheduler.insight;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.scheduler.pipeline.RunStateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The model registry as the console shows it: models with their champion and its live hit rate, a model's versions
 * with their key metrics and live accuracy ({@link LiveAccuracy}), the champion's live accuracy day by day, every gate
 * decision with each check, the champion's history; and moving the champion by hand (promote a version, roll back to
 * the previous one), always with a reason and the user who did it.
 */
public final class ModelConsole {

  /** Metrics shown next to each version. */
  static final List<String> KEY_METRICS = List.of("holdout_accuracy", "holdout_baseline_accuracy", "holdout_roc_auc",
      "holdout_log_loss", "p95_latency_ms");

  /** Trading days of the champion's live accuracy the model page shows. */
  static final int LIVE_DAYS = 14;

  private final ModelRegistry registry;
  private final LiveAccuracy live;

  public ModelConsole(ModelRegistry registry, LiveAccuracy live) {
    this.registry = registry;
    this.live = live;
  }

  /**
   * A registered model and who is champion.
   *
   * @param championLive the champion's live accuracy over all days; null before any of its predictions was counted
   */
  public record ModelSummary(String name, int versions, Integer champion, LiveAccuracy.Tally championLive) {}

  /**
   * One version with its key metrics.
   *
   * @param live its live accuracy over all days; null before any of its predictions was counted
   */
  public record VersionView(ModelVersion version, Map<String, Double> metrics, LiveAccuracy.Tally live) {}

  /**
   * Everything the model page shows.
   *
   * @param championLiveDays the champion's live accuracy by trading day, the latest first ({@value #LIVE_DAYS} days)
   */
  public record ModelDetail(String name, Integer champion, List<VersionView> versions,
      List<LiveAccuracy.Tally> championLiveDays, List<PromotionDecision> decisions,
      List<AliasChange> championHistory) {}

  public List<ModelSummary> models() {
    List<ModelSummary> models = new ArrayList<>();
    for (String name : registry.listModels()) {
      Integer champion = champion(name).orElse(null);
      models.add(new ModelSummary(name, registry.listModelVersions(name).size(), champion,
          champion == null ? null : live.version(name, champion).orElse(null)));
    }
    return models;
  }

  /**
   * @throws UnknownModelException when no model has that name
   */
  public ModelDetail model(String name) {
    List<ModelVersion> versions = versions(name);
    Map<Integer, LiveAccuracy.Tally> liveByVersion = new LinkedHashMap<>();
    live.versions(name).forEach(tally -> liveByVersion.put(tally.modelVersion(), tally));
    List<VersionView> views = new ArrayList<>();
    for (ModelVersion version : versions) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      try {
        Map<String, Double> all = registry.getRun(version.runId()).metrics();
        KEY_METRICS.forEach(key -> {
          if (all.containsKey(key)) {
            metrics.put(key, all.get(key));
          }
        });
      } catch (RuntimeException e) {
        // a version whose run is gone still lists
      }
      views.add(new VersionView(version, metrics, liveByVersion.get(version.version())));
    }
    List<PromotionDecision> decisions = new ArrayList<>(registry.listDecisions(name));
    decisions.sort(Comparator.comparing(PromotionDecision::decidedAt).reversed());
    List<AliasChange> history = new ArrayList<>(registry.aliasChanges(name, ModelRegistry.CHAMPION));
    history.sort(Comparator.comparing(AliasChange::changedAt).reversed());
    Integer champion = champion(name).orElse(null);
    return new ModelDetail(name, champion, views, champion == null ? List.of() : live.days(name, champion, LIVE_DAYS),
        decisions, history);
  }

  /**
   * Makes {@code version} the champion, by hand.
   *
   * @throws UnknownModelException when the model or version does not exist
   * @throws RunStateException when the version already is champion
   */
  public int promote(String name, int version, String reason, String actor) {
    List<ModelVersion> versions = versions(name);
    if (versions.stream().noneMatch(v -> v.version() == version)) {
      throw new UnknownModelException("model " + name + " has no version " + version);
    }
    if (champion(name).filter(c -> c == version).isPresent()) {
      throw new RunStateException("v" + version + " of " + name + " already is champion");
    }
    registry.setAlias(name, ModelRegistry.CHAMPION, version, reason(reason, actor, "promoted by hand"));
    return version;
  }

  /**
   * Points the champion back at the version it pointed at before.
   *
   * @return the version that is champion now
   * @throws RunStateException when there is no earlier champion to go back to
   */
  public int rollback(String name, String reason, String actor) {
    versions(name);
    List<AliasChange> history = new ArrayList<>(registry.aliasChanges(name, ModelRegistry.CHAMPION));
    history.sort(Comparator.comparing(AliasChange::changedAt).reversed());
    if (history.isEmpty() || history.get(0).previousVersion() == null) {
      throw new RunStateException("model " + name + " has no earlier champion to roll back to");
    }
    int previous = history.get(0).previousVersion();
    try {
      registry.setAlias(name, ModelRegistry.CHAMPION, previous, reason(reason, actor, "rolled back by hand"));
    } catch (NoSuchElementException e) {
      throw new UnknownModelException(e.getMessage());
    }
    return previous;
  }

  private static String reason(String reason, String actor, String fallback) {
    String text = reason == null || reason.isBlank() ? fallback : reason.trim();
    if (text.length() > 500) {
      throw new IllegalArgumentException("a reason is at most 500 characters");
    }
    return text + " (by " + actor + ")";
  }

  private List<ModelVersion> versions(String name) {
    List<ModelVersion> versions = registry.listModelVersions(name);
    if (versions.isEmpty() && !registry.listModels().contains(name)) {
      throw new UnknownModelException("no model named '" + name + "' (models: " + registry.listModels() + ")");
    }
    return versions;
  }

  private Optional<Integer> champion(String name) {
    return registry.getVersionByAlias(name, ModelRegistry.CHAMPION).map(ModelVersion::version);
  }

  /** No such model or version (HTTP 404). */
  public static final class UnknownModelException extends RuntimeException {
    public UnknownModelException(String message) {
      super(message);
    }
  }
}
