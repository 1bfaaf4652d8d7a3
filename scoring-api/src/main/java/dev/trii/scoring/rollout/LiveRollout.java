package dev.trii.scoring.rollout;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.rollout.Rollout;
import dev.trii.core.rollout.Rollouts;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ModelLease;
import dev.trii.scoring.model.ModelLoader;
import dev.trii.scoring.model.ModelSlot;
import dev.trii.scoring.model.ServingModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running rollout as this server takes part in it. {@link #refresh()} follows the model's running rollout in the
 * database (every replica does): it loads the challenger version (verified like the champion), and for a canary
 * judges the current stage ({@link RolloutJudge}): moves it to the next share, promotes the challenger to champion
 * after the last stage, or rolls it back on a regression. Requests ask {@link #pick} which model answers them:
 * a canary's share of the clients, chosen by a hash of the client's id (so a client stays on its side while the share
 * grows), gets the challenger. In shadow mode the champion answers and the challenger scores the same input on a
 * background thread ({@link #shadow}); their agreement and its latency are metered.
 *
 * <p>Each replica judges the traffic it served itself; the first to decide moves the rollout for all of them.
 */
public final class LiveRollout implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveRollout.class);
  /** Shadow scorings waiting to run; beyond that they are dropped (and counted), never queued on the request path. */
  static final int SHADOW_QUEUE = 1024;

  private final Rollouts rollouts;
  private final ModelRegistry registry;
  private final ChampionModel champion;
  private final ModelLoader loader;
  private final RolloutPolicy policy;
  private final ScoringMetrics metrics;
  private final Clock clock;
  private final AtomicReference<Active> active = new AtomicReference<>();
  private final ThreadPoolExecutor shadows = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(SHADOW_QUEUE), runnable -> {
        Thread thread = new Thread(runnable, "shadow-scoring");
        thread.setDaemon(true);
        return thread;
      });

  /** The rollout this server takes part in: its record, its challenger, and what each arm did. */
  private record Active(Rollout rollout, ModelSlot challenger, ArmStats champion, ArmStats challengerStage,
      ShadowStats shadow) {

    Active inStage(Rollout moved) {
      return new Active(moved, challenger, champion, new ArmStats(), shadow);
    }
  }

  public LiveRollout(Rollouts rollouts, ModelRegistry registry, ChampionModel champion, ModelLoader loader,
      RolloutPolicy policy, ScoringMetrics metrics, Clock clock) {
    this.rollouts = rollouts;
    this.registry = registry;
    this.champion = champion;
    this.loader = loader;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The model that answers one request, held for it, and which arm it is. */
  public record Pick(Arm arm, ModelLease lease) implements AutoCloseable {
    @Override
    public void close() {
      lease.close();
    }
  }

  /**
   * Which model answers this client: the challenger for a canary's share of the clients, else the champion.
   *
   * @throws dev.trii.scoring.model.NoModelException when no champion is loaded (and the client is not in a canary)
   */
  public Pick pick(String clientId) {
    Active current = active.get();
    if (current != null && current.rollout().mode() == Rollout.Mode.CANARY
        && bucketOf(clientId, current.rollout().id()) < current.rollout().sharePercent()) {
      Optional<ModelLease> lease = current.challenger().tryLease();
      if (lease.isPresent()) {
        return new Pick(Arm.CHALLENGER, lease.get());
      }
    }
    return new Pick(Arm.CHAMPION, champion.lease());
  }

  /** 0..99 from the client's id and the rollout: the same client lands in the same place for one rollout. */
  static int bucketOf(String clientId, long rolloutId) {
    long h = clientId.hashCode() * 0x9E3779B97F4A7C15L + rolloutId;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, 100L);
  }

  /**
   * What one request did on its arm: whether the model failed to answer, and how long scoring took ({@code -1} for a
   * batch, whose latency is not comparable).
   */
  public void record(Arm arm, boolean failed, long nanos) {
    Active current = active.get();
    if (failed) {
      metrics.modelFailed(arm.label());
    }
    if (current == null) {
      return;
    }
    (arm == Arm.CHAMPION ? current.champion() : current.challengerStage()).record(failed, nanos);
  }

  /**
   * In shadow mode, scores the same input with the challenger off the request path and compares it with the
   * champion's probability; otherwise does nothing.
   *
   * @param scoring the request's scoring, applied to the challenger
   */
  public void shadow(double championProbability, ToDoubleFunction<ServingModel> scoring) {
    Active current = active.get();
    if (current == null || current.rollout().mode() != Rollout.Mode.SHADOW) {
      return;
    }
    try {
      shadows.execute(() -> current.challenger().tryLease().ifPresent(lease -> {
        try (lease) {
          long start = System.nanoTime();
          double probability = scoring.applyAsDouble(lease.model());
          long nanos = System.nanoTime() - start;
          boolean agree = (probability >= 0.5) == (championProbability >= 0.5);
          current.shadow().record(agree, Math.abs(probability - championProbability));
          metrics.shadowCompared(agree, nanos);
        } catch (RuntimeException e) {
          current.shadow().failed();
          metrics.shadowFailed();
        }
      }));
    } catch (RejectedExecutionException e) {
      metrics.shadowDropped();
    }
  }

  /** Follows the running rollout and judges its stage; never throws (a failure is logged and tried again). */
  public synchronized void refresh() {
    try {
      follow();
    } catch (RuntimeException e) {
      log.warn("cannot follow the rollout of model {}: {}", champion.modelName(), e.toString());
    }
  }

  private void follow() {
    Optional<Rollout> running = rollouts.running(champion.modelName());
    Active current = active.get();
    if (running.isEmpty()) {
      if (current != null) {
        leave(current);
      }
      return;
    }
    Rollout rollout = running.get();
    if (current == null || current.rollout().id() != rollout.id()) {
      if (current != null) {
        leave(current);
      }
      current = join(rollout);
      if (current == null) {
        return;
      }
    } else if (current.rollout().stage() != rollout.stage()) {
      current = current.inStage(rollout); // another replica moved it
      active.set(current);
      metrics.canaryShare(rollout.sharePercent());
    }
    if (rollout.mode() == Rollout.Mode.CANARY) {
      judge(current);
    }
  }

  /** Loads the challenger; a version that cannot be loaded ends the rollout. */
  private Active join(Rollout rollout) {
    ServingModel challenger;
    try {
      ModelVersion version = registry.getModelVersion(rollout.modelName(), rollout.challengerVersion())
          .orElseThrow(() -> new IllegalStateException("the registry has no version " + rollout.challengerVersion()));
      challenger = loader.load(version);
    } catch (RuntimeException e) {
      String why = "challenger version " + rollout.challengerVersion() + " cannot be served: " + e.getMessage();
      rollouts.end(rollout.id(), Rollout.State.ROLLED_BACK, why);
      metrics.rolloutEnded(Rollout.State.ROLLED_BACK.label());
      log.warn("rollout {} of model {} rolled back: {}", rollout.id(), rollout.modelName(), why);
      return null;
    }
    ModelSlot slot = new ModelSlot();
    slot.install(challenger);
    Active joined = new Active(rollout, slot, new ArmStats(), new ArmStats(), new ShadowStats());
    active.set(joined);
    metrics.canaryShare(rollout.sharePercent());
    log.info("rollout {} of model {}: version {} as {} challenger{}", rollout.id(), rollout.modelName(),
        rollout.challengerVersion(), rollout.mode().label(),
        rollout.mode() == Rollout.Mode.CANARY ? " for " + rollout.sharePercent() + " % of the clients" : "");
    return joined;
  }

  private void leave(Active current) {
    active.set(null);
    current.challenger().clear(); // freed when its last request ends
    metrics.canaryShare(0);
  }

  private void judge(Active current) {
    Rollout rollout = current.rollout();
    RolloutJudge.Verdict verdict = RolloutJudge.judge(current.champion().snapshot(),
        current.challengerStage().snapshot(), Duration.between(rollout.stageStartedAt(), clock.instant()), policy);
    switch (verdict.decision()) {
      case WAIT -> { }
      case ROLL_BACK -> {
        String why = "rolled back at " + rollout.sharePercent() + " %: " + verdict.reason();
        if (rollouts.end(rollout.id(), Rollout.State.ROLLED_BACK, why).isPresent()) {
          metrics.rolloutEnded(Rollout.State.ROLLED_BACK.label());
          log.warn("rollout {} of model {} version {} {}", rollout.id(), rollout.modelName(),
              rollout.challengerVersion(), why);
        }
        leave(current);
      }
      case ADVANCE -> {
        if (rollout.lastStage()) {
          promote(current, verdict.reason());
        } else {
          rollouts.advance(rollout, verdict.reason()).ifPresent(moved -> {
            active.set(current.inStage(moved));
            metrics.canaryShare(moved.sharePercent());
            log.info("rollout {} of model {} version {}: {} % -> {} % ({})", rollout.id(), rollout.modelName(),
                rollout.challengerVersion(), rollout.sharePercent(), moved.sharePercent(), verdict.reason());
          });
        }
      }
    }
  }

  private void promote(Active current, String reason) {
    Rollout rollout = current.rollout();
    String why = "canary passed " + rollout.stages() + " %: " + reason;
    if (rollouts.end(rollout.id(), Rollout.State.PROMOTED, why).isEmpty()) {
      return; // another replica ended it first
    }
    registry.setAlias(rollout.modelName(), ModelRegistry.CHAMPION, rollout.challengerVersion(),
        "rollout " + rollout.id() + ": " + why);
    metrics.rolloutEnded(Rollout.State.PROMOTED.label());
    log.info("rollout {} of model {}: version {} promoted to champion ({})", rollout.id(), rollout.modelName(),
        rollout.challengerVersion(), why);
    champion.refresh();
    leave(current);
  }

  /**
   * Starts a rollout of {@code version} against the current champion and takes part in it at once.
   *
   * @throws IllegalArgumentException when the registry has no such version, it is the champion, the stages do not
   *     rise to 100, or a rollout is running
   */
  public synchronized Rollout start(int version, Rollout.Mode mode, List<Integer> stages, String startedBy) {
    if (registry.getModelVersion(champion.modelName(), version).isEmpty()) {
      throw new IllegalArgumentException("model " + champion.modelName() + " has no version " + version);
    }
    Integer championVersion = champion.current().map(m -> m.version().version()).orElse(null);
    Rollout started = rollouts.start(champion.modelName(), version, championVersion, mode, stages, startedBy);
    refresh();
    return rollouts.history(champion.modelName(), 1).stream().filter(r -> r.id() == started.id()).findFirst()
        .orElse(started);
  }

  /**
   * Stops the running rollout: the champion answers everyone again.
   *
   * @return the stopped rollout, or empty when none was running
   */
  public synchronized Optional<Rollout> stop(String why) {
    Optional<Rollout> stopped = rollouts.running(champion.modelName())
        .flatMap(r -> rollouts.end(r.id(), Rollout.State.STOPPED, why));
    refresh();
    return stopped;
  }

  /** The running rollout with what this server measured, for {@code GET /v1/rollout}. */
  public Optional<Status> status() {
    Active current = active.get();
    if (current == null) {
      return Optional.empty();
    }
    return Optional.of(new Status(current.rollout(), current.champion().snapshot(),
        current.challengerStage().snapshot(), current.shadow().snapshot(),
        current.challenger().current().map(m -> m.loadedAt()).orElse(null)));
  }

  /** The challenger this server holds, if any. */
  public Optional<ServingModel> challenger() {
    Active current = active.get();
    return current == null ? Optional.empty() : current.challenger().current();
  }

  /** The model's latest rollouts, newest first. */
  public List<Rollout> history(int limit) {
    return rollouts.history(champion.modelName(), limit);
  }

  /** What {@code GET /v1/rollout} shows of the running rollout. */
  public record Status(Rollout rollout, ArmStats.Snapshot champion, ArmStats.Snapshot challengerStage,
      ShadowStats.Snapshot shadow, Instant challengerLoadedAt) {}

  @Override
  public synchronized void close() {
    shadows.shutdownNow();
    Active current = active.getAndSet(null);
    if (current != null) {
      current.challenger().clear();
    }
  }
}
