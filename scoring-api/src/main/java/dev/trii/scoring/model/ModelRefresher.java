package dev.trii.scoring.model;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A daemon thread that calls {@link ChampionModel#refresh()} at a fixed delay, so promotions reach the API. */
public final class ModelRefresher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelRefresher.class);

  private final ScheduledExecutorService executor;

  private ModelRefresher(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Starts polling; the first check runs after one interval (callers refresh once themselves at start). */
  public static ModelRefresher start(ChampionModel champion, Duration interval) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "model-refresher");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        champion.refresh();
      } catch (Throwable e) {
        // refresh() records its own failures; anything else must not end the schedule
        log.error("model refresh failed unexpectedly", e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new ModelRefresher(executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
