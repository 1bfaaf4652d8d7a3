package dev.trii.scheduler.metrics;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads every registered model's state from the model registry (either adapter) and the live-accuracy job's table:
 * per model its decisions, its champion and the champion's latest live days; nothing is written.
 */
public final class ModelStates {

  /** Trading days looked back for the champion's latest day with labelled predictions. */
  static final int LIVE_DAYS = 7;

  private final ModelRegistry registry;
  private final LiveAccuracy live;

  public ModelStates(ModelRegistry registry, LiveAccuracy live) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.live = Objects.requireNonNull(live, "live");
  }

  public List<ModelState> read() {
    List<ModelState> states = new ArrayList<>();
    for (String model : registry.listModels()) {
      GateRecord gate = GateRecord.of(registry.listDecisions(model));
      Optional<ModelVersion> champion = registry.getVersionByAlias(model, ModelRegistry.CHAMPION);
      Double hitRate = champion.flatMap(version -> live.days(model, version.version(), LIVE_DAYS).stream()
          .map(LiveAccuracy.Tally::hitRate).filter(Objects::nonNull).findFirst()).orElse(null);
      states.add(new ModelState(model, gate, champion.map(ModelVersion::version).orElse(null),
          champion.map(ModelVersion::createdAt).orElse(null), hitRate));
    }
    return states;
  }
}
