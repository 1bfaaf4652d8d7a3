package dev.trii.scheduler.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Wakes this node's dispatcher when any node changes the run queue: PostgreSQL {@code LISTEN} on
 * {@value #CHANNEL}, to which {@link PipelineRunRepository} sends a {@code NOTIFY} in the transaction that queues a
 * run, a backfill or a retry, ends a run (a slot frees) or recovers one. A run queued through another node is claimed
 * within milliseconds instead of at the next poll; the poll stays as the fallback when the listening connection is
 * lost (it reconnects after a second, and then signals once, for what changed meanwhile).
 */
public final class RunQueueSignal implements SmartLifecycle {

  /** The notification channel. */
  public static final String CHANNEL = "trii_run_queue";

  private static final Logger log = LoggerFactory.getLogger(RunQueueSignal.class);

  private final DataSource dataSource;
  private final Runnable onChange;
  private volatile boolean running;
  private Thread listener;

  /** @param onChange called on the listening thread for each batch of notifications */
  public RunQueueSignal(DataSource dataSource, Runnable onChange) {
    this.dataSource = dataSource;
    this.onChange = onChange;
  }

  @Override
  public synchronized void start() {
    running = true;
    listener = new Thread(this::listen, "run-queue-listener");
    listener.setDaemon(true);
    listener.start();
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        onChange.run(); // listening (again): whatever changed while it was not is looked at now
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = postgres.getNotifications(1000);
          if (notifications != null && notifications.length > 0) {
            onChange.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("listening for run-queue changes failed (polling meanwhile; again in 1 s): {}", e.toString());
          sleep();
        }
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
