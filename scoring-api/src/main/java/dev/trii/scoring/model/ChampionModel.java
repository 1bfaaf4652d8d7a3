package dev.trii.scoring.model;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.metrics.ScoringMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model the API serves: whatever version the registry's {@code champion} alias points at. {@link #refresh()}
 * follows the alias and swaps atomically to a newly promoted version once it has loaded and verified; a version
 * that fails to load is refused, the previous model keeps serving, and the failure is kept for {@code /v1/model},
 * the log and the metrics. A refused version is tried again after {@code retryFailedAfter}. A replaced model is freed
 * when the last request holding it ({@link #lease()}) ends, never while one scores with it.
 */
public final class ChampionModel implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChampionModel.class);

  private final ModelRegistry registry;
  private final String modelName;
  private final ModelLoader loader;
  private final ScoringMetrics metrics;
  private final Clock clock;
  private final Duration retryFailedAfter;

  private final ModelSlot slot = new ModelSlot();
  private volatile LoadFailure lastFailure;
  private volatile Instant lastCheckedAt;
  private boolean closed;

  public ChampionModel(ModelRegistry registry, String modelName, ModelLoader loader, ScoringMetrics metrics,
      Clock clock, Duration retryFailedAfter) {
    this.registry = registry;
    this.modelName = modelName;
    this.loader = loader;
    this.metrics = metrics;
    this.clock = clock;
    this.retryFailedAfter = retryFailedAfter;
  }

  public String modelName() {
    return modelName;
  }

  /** The model being served, if any. */
  public Optional<ServingModel> current() {
    return slot.current();
  }

  /**
   * Holds the model being served for one request: it stays alive until the lease is closed, whatever is promoted
   * meanwhile.
   *
   * @throws NoModelException when none is loaded (no champion yet, or it could not be loaded)
   */
  public ModelLease lease() {
    return slot.lease(() -> new NoModelException(notReadyReason()));
  }

  /** Why no model is served, for 503 answers and the readiness probe. */
  public String notReadyReason() {
    LoadFailure failure = lastFailure;
    if (failure != null) {
      return "no model is loaded: " + failure.message();
    }
    if (lastCheckedAt == null) {
      return "no model is loaded yet: the registry has not been checked";
    }
    return "no model is loaded: model '" + modelName + "' has no '" + ModelRegistry.CHAMPION + "' alias in the registry";
  }

  /** The latest refused version or registry error since the last successful swap, if any. */
  public Optional<LoadFailure> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  public Optional<Instant> lastCheckedAt() {
    return Optional.ofNullable(lastCheckedAt);
  }

  /**
   * Looks up the champion alias and, when it points at a version other than the one served, loads that version
   * and swaps to it. Never throws: failures are recorded and the current model keeps serving.
   */
  public synchronized void refresh() {
    if (closed) {
      return;
    }
    Optional<ModelVersion> target;
    try {
      target = registry.getVersionByAlias(modelName, ModelRegistry.CHAMPION);
    } catch (RuntimeException e) {
      fail(new LoadFailure(null, "cannot read the '" + ModelRegistry.CHAMPION + "' alias of model '" + modelName
          + "' from the registry: " + e.getMessage(), clock.instant()), e);
      return;
    }
    lastCheckedAt = clock.instant();
    ServingModel serving = slot.current().orElse(null);
    if (target.isEmpty()) {
      if (lastFailure != null && lastFailure.version() == null) {
        clearFailure();
      }
      return;
    }
    ModelVersion version = target.get();
    if (serving != null && serving.version().version() == version.version()) {
      clearFailure();
      return;
    }
    LoadFailure failure = lastFailure;
    if (failure != null && failure.version() != null && failure.version() == version.version()
        && clock.instant().isBefore(failure.at().plus(retryFailedAfter))) {
      return;
    }
    ServingModel loaded;
    try {
      loaded = loader.load(version);
    } catch (ModelLoadException e) {
      metrics.modelReloadFailed();
      fail(new LoadFailure(version.version(), e.getMessage(), clock.instant()), null);
      return;
    } catch (RuntimeException e) {
      metrics.modelReloadFailed();
      fail(new LoadFailure(version.version(), "version " + version.version() + ": " + e, clock.instant()), e);
      return;
    }
    slot.install(loaded); // the model it replaces is freed when its last request ends
    clearFailure();
    metrics.modelLoaded(modelName, version.version(), loaded.evaluator().name());
    if (serving != null) {
      log.info("now serving model {} version {} with {} (was version {})", modelName, version.version(),
          loaded.evaluator().name(), serving.version().version());
    } else {
      log.info("now serving model {} version {} with {}", modelName, version.version(), loaded.evaluator().name());
    }
  }

  private void fail(LoadFailure failure, Throwable cause) {
    LoadFailure previous = lastFailure;
    lastFailure = failure;
    metrics.modelLoadError(true);
    String serving = slot.current().map(m -> "still serving version " + m.version().version())
        .orElse("no model is served");
    if (previous == null || !previous.message().equals(failure.message()) || failure.version() != null) {
      if (cause == null) {
        log.warn("champion not loaded ({}): {}", serving, failure.message());
      } else {
        log.warn("champion not loaded ({}): {}", serving, failure.message(), cause);
      }
    }
  }

  private void clearFailure() {
    if (lastFailure != null) {
      lastFailure = null;
      metrics.modelLoadError(false);
    }
  }

  /** Stops serving: the model is freed once the requests still holding it end. */
  @Override
  public synchronized void close() {
    closed = true;
    slot.clear();
  }
}
