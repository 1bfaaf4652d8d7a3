package dev.trii.scheduler.pipeline;

import dev.trii.scheduler.definition.PipelineDefinition;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A scheduler node's side of the run queue. It claims QUEUED runs ({@link PipelineRunRepository#claimNext}) while it
 * has a free run slot and runs them on its run workers; it wakes at once when the queue changes on any node
 * ({@link RunQueueSignal}: PostgreSQL notifications) and otherwise polls, the fallback when notifications are lost. It heartbeats in
 * {@code scheduler_nodes} and reaps: runs held by a node silent for longer than the lease go back to the queue and
 * are restarted from where they stopped. Stopping the node leaves its runs RUNNING and deletes its heartbeat, so
 * another node recovers them at once.
 */
public final class RunDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

  /** The node's knobs. */
  public record Settings(int runSlots, int taskSlots, Duration lease, Duration poll, int maxRecoveries) {}

  private final PipelineCatalog catalog;
  private final PipelineRunRepository runs;
  private final PipelineEvents events;
  private final PipelineMetrics metrics;
  private final Settings settings;
  private final String node;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicInteger freeSlots;
  private final ExecutorService taskWorkers;
  private final ScheduledExecutorService timers;
  private PipelineRunner runner;
  private ExecutorService runWorkers;
  private Thread dispatcher;
  private volatile boolean running;

  public RunDispatcher(String node, PipelineCatalog catalog, PipelineRunRepository runs, PipelineEvents events,
      PipelineMetrics metrics, Settings settings) {
    this.catalog = catalog;
    this.runs = runs;
    this.events = events;
    this.metrics = metrics;
    this.settings = settings;
    this.node = node;
    this.freeSlots = new AtomicInteger(settings.runSlots());
    this.taskWorkers = Executors.newFixedThreadPool(settings.taskSlots(), daemon("task-worker"));
    this.timers = Executors.newScheduledThreadPool(1, daemon("task-timer"));
  }

  /** This node's id in {@code scheduler_nodes} and {@code pipeline_runs.claimed_by}. */
  public String node() {
    return node;
  }

  /** Where the runner runs tasks and times them; created here so that they stop with the node. */
  public ExecutorService taskWorkers() {
    return taskWorkers;
  }

  public ScheduledExecutorService timers() {
    return timers;
  }

  public PipelineRunner runner() {
    return runner;
  }

  /** Set once wiring is done (the runner needs this node's executors). */
  public void runner(PipelineRunner runner) {
    this.runner = runner;
  }

  /** A run was queued (or a slot freed): look at the queue now instead of at the next poll. */
  public void wake() {
    wake.release();
  }

  @Override
  public synchronized void start() {
    runs.heartbeat(node);
    running = true;
    runWorkers = Executors.newFixedThreadPool(settings.runSlots(), daemon("pipeline-run"));
    long beat = Math.max(100, settings.lease().toMillis() / 3);
    timers.scheduleWithFixedDelay(this::heartbeatAndReap, 0, beat, TimeUnit.MILLISECONDS);
    dispatcher = new Thread(this::dispatch, "run-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
    log.info("scheduler node {} claims runs: {} run slots, {} task slots, lease {}", node, settings.runSlots(),
        settings.taskSlots(), settings.lease());
  }

  private void dispatch() {
    while (running) {
      try {
        boolean claimed = false;
        if (freeSlots.get() > 0) {
          Optional<PipelineRunRepository.Claim> claim = runs.claimNext(node, this::runnable);
          if (claim.isPresent()) {
            claimed = true;
            freeSlots.decrementAndGet();
            launch(claim.get());
          }
        }
        if (!claimed) {
          wake.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("claiming a pipeline run failed (retrying in {}): {}", settings.poll(), e.toString());
        sleep(settings.poll());
      }
    }
  }

  private boolean runnable(PipelineRunRepository.Claim claim) {
    PipelineDefinition definition;
    try {
      definition = catalog.version(claim.pipeline(), claim.definitionVersion());
    } catch (RuntimeException e) {
      // never let one unreadable definition stop the queue: that run waits, the others go on
      log.warn("not claiming run {}: its pipeline {} version {} cannot be read: {}", claim.runId(), claim.pipeline(),
          claim.definitionVersion(), e.toString());
      return false;
    }
    if (catalog.canRun(definition)) {
      return true;
    }
    log.debug("not claiming run {}: this node lacks jobs {}", claim.runId(), catalog.missingJobs(definition));
    return false;
  }

  private void launch(PipelineRunRepository.Claim claim) {
    Instant claimedAt = Instant.now();
    metrics.queueWait(claim.pipeline(), Duration.between(claim.queuedAt(), claimedAt));
    runWorkers.execute(() -> {
      try {
        runner.run(claim.runId(), claimedAt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.error("pipeline run {} of {} failed in the scheduler", claim.runId(), claim.pipeline(), e);
      } finally {
        freeSlots.incrementAndGet();
        wake();
      }
    });
  }

  /** One heartbeat; then runs of silent nodes back to the queue, and the queue depth for the metrics. */
  void heartbeatAndReap() {
    if (!running) {
      return;
    }
    try {
      runs.heartbeat(node);
      for (PipelineRunRepository.Recovered orphan : runs.recoverOrphans(settings.lease(), settings.maxRecoveries())) {
        metrics.runRecovered(orphan.pipeline());
        String detail = orphan.failed() ? "node " + orphan.node() + " stopped while running it; failed after "
            + settings.maxRecoveries() + " recoveries" : "node " + orphan.node() + " stopped while running it; queued "
            + "again, its tasks restart from where they stopped";
        events.record(orphan.pipeline(), orphan.runId(), null, PipelineEvents.Kind.RECOVERED, "node " + node, detail);
        log.warn("pipeline run {} of {}: {}", orphan.runId(), orphan.pipeline(), detail);
        wake();
      }
      Map<String, Map<String, Integer>> depth = new LinkedHashMap<>();
      catalog.all().forEach(p -> depth.put(p.name(), new LinkedHashMap<>(Map.of("scheduled", 0, "backfill", 0))));
      runs.queueDepth().forEach((pipeline, lanes) -> depth.computeIfAbsent(pipeline, p -> new LinkedHashMap<>())
          .putAll(lanes));
      metrics.queueDepth(depth);
    } catch (RuntimeException e) {
      log.warn("scheduler heartbeat failed: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    wake();
    dispatcher.interrupt();
    runWorkers.shutdownNow();
    taskWorkers.shutdownNow();
    timers.shutdownNow();
    try {
      runWorkers.awaitTermination(10, TimeUnit.SECONDS);
      runs.removeNode(node);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("could not sign node {} off: {}", node, e.toString());
    }
    log.info("scheduler node {} stopped claiming runs", node);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before the web server and Quartz (a lower phase stops later). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }

  /** A node id unique across restarts: host, process id and a random part. */
  public static String newNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + HexFormat.of().formatHex(random);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
