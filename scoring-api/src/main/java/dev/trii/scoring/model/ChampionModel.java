package dev.trii.scoring.model;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.metrics.ScoringMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model the API serves: whatever version the registry's {@code champion} alias points at. {@link #refresh()}
 * follows the alias and swaps atomically to a newly promoted version once it has loaded and verified; a version
 * that fails to load is refused, the previous model keeps serving, and the failure is kept for {@code /v1/model},
 * the log and the metrics. A refused version is tried again after {@code retryFailedAfter}.
 */
public final class ChampionModel implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChampionModel.class);
  /** How long a replaced booster stays alive for requests that may still be scoring with it. */
  private static final Duration RETIRE_GRACE = Duration.ofSeconds(30);

  private final ModelRegistry registry;
  private final String modelName;
  private final ModelLoader loader;
  private final ScoringMetrics metrics;
  private final Clock clock;
  private final Duration retryFailedAfter;

  private final AtomicReference<ServingModel> current = new AtomicReference<>();
  private final Deque<Retired> retired = new ArrayDeque<>();
  private volatile LoadFailure lastFailure;
  private volatile Instant lastCheckedAt;
  private boolean closed;

  /** A replaced model, kept alive for a grace period after {@code at}. */
  private record Retired(ServingModel model, Instant at) {}

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
    return Optional.ofNullable(current.get());
  }

  /**
   * The model being served.
   *
   * @throws NoModelException when none is loaded (no champion yet, or it could not be loaded)
   */
  public ServingModel require() {
    ServingModel model = current.get();
    if (model == null) {
      throw new NoModelException(notReadyReason());
    }
    return model;
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
    disposeRetired(false);
    Optional<ModelVersion> target;
    try {
      target = registry.getVersionByAlias(modelName, ModelRegistry.CHAMPION);
    } catch (RuntimeException e) {
      fail(new LoadFailure(null, "cannot read the '" + ModelRegistry.CHAMPION + "' alias of model '" + modelName
          + "' from the registry: " + e.getMessage(), clock.instant()), e);
      return;
    }
    lastCheckedAt = clock.instant();
    ServingModel serving = current.get();
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
    current.set(loaded);
    clearFailure();
    metrics.modelLoaded(modelName, version.version());
    if (serving != null) {
      retired.add(new Retired(serving, clock.instant()));
      log.info("now serving model {} version {} (was version {})", modelName, version.version(),
          serving.version().version());
    } else {
      log.info("now serving model {} version {}", modelName, version.version());
    }
  }

  private void fail(LoadFailure failure, Throwable cause) {
    LoadFailure previous = lastFailure;
    lastFailure = failure;
    metrics.modelLoadError(true);
    String serving = current.get() == null ? "no model is served"
        : "still serving version " + current.get().version().version();
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

  private void disposeRetired(boolean all) {
    Instant cutoff = clock.instant().minus(RETIRE_GRACE);
    while (!retired.isEmpty() && (all || retired.peekFirst().at().isBefore(cutoff))) {
      retired.pollFirst().model().dispose();
    }
  }

  /** Frees every booster; call after the HTTP server has stopped. */
  @Override
  public synchronized void close() {
    closed = true;
    disposeRetired(true);
    ServingModel model = current.getAndSet(null);
    if (model != null) {
      model.dispose();
    }
  }
}
