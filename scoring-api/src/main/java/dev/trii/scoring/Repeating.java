package dev.trii.scoring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring API's background work on one daemon thread, each task at its own fixed delay: following the champion
 * alias, reloading the API keys. A task that throws is logged and runs again at its next turn.
 */
final class Repeating implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Repeating.class);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "scoring-background");
    thread.setDaemon(true);
    return thread;
  });

  /** Runs {@code task} every {@code interval}, the first time one interval from now. */
  Repeating every(Duration interval, String what, Runnable task) {
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (Throwable e) {
        // the tasks record their own failures; anything else must not end the schedule
        log.error("{} failed unexpectedly", what, e);
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
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
