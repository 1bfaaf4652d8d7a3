package dev.trii.scheduler.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.trii.core.logging.CorrelationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each task's log: a Logback appender on the root logger takes the events logged while a task runs (the
 * runner puts {@value #RUN_ID} and {@value #TASK} in the MDC of the thread that runs the job, and the jobs hand it to
 * their own threads) and a writer thread stores them in {@code task_logs}, at most {@value #MAX_LINES} lines per task
 * (then one line saying the rest was cut). Logging never waits for the database: when the queue is full, lines are
 * dropped and counted.
 */
public final class TaskLogs implements SmartLifecycle {

  /** MDC key of the pipeline run id. */
  public static final String RUN_ID = "pipelineRunId";
  /** MDC key of the task name. */
  public static final String TASK = "pipelineTask";
  static final int MAX_LINES = 1000;
  private static final int MAX_MESSAGE = 4000;

  /** One stored line. */
  public record Line(Instant loggedAt, String level, String logger, String message) {}

  private record Pending(long runId, String task, Instant at, String level, String logger, String message) {}

  private final JdbcTemplate jdbc;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(10_000);
  private final Map<String, AtomicInteger> linesPerTask = new ConcurrentHashMap<>();
  private final AtomicInteger dropped = new AtomicInteger();
  private final Appender appender = new Appender();
  private Thread writer;
  private volatile boolean running;

  public TaskLogs(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * Marks the current thread's log lines as the task's, until {@link #clear}: kept in {@code task_logs}, and with the
   * run's correlation id ({@link CorrelationId#ofRun}) in every log line.
   */
  public static void attach(long runId, String task) {
    MDC.put(RUN_ID, Long.toString(runId));
    MDC.put(TASK, task);
    MDC.put(CorrelationId.KEY, CorrelationId.ofRun(runId));
  }

  public static void clear() {
    MDC.remove(RUN_ID);
    MDC.remove(TASK);
    MDC.remove(CorrelationId.KEY);
  }

  /** The task's last {@code limit} lines, oldest first. */
  public List<Line> tail(long runId, String task, int limit) {
    List<Line> lines = new ArrayList<>(jdbc.query("select logged_at, level, logger, message from task_logs "
            + "where run_id = ? and task = ? order by line_id desc limit ?",
        (rs, i) -> new Line(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)),
        runId, task, limit));
    java.util.Collections.reverse(lines);
    return lines;
  }

  /** Writes what is queued now (tests, shutdown). */
  public void flush() {
    List<Pending> batch = new ArrayList<>();
    queue.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("insert into task_logs (run_id, task, logged_at, level, logger, message) "
        + "select ?, ?, ?, ?, ?, ? where exists (select 1 from pipeline_runs where run_id = ?)", batch, 500,
        (ps, line) -> {
          ps.setLong(1, line.runId());
          ps.setString(2, line.task());
          ps.setTimestamp(3, Timestamp.from(line.at()));
          ps.setString(4, line.level());
          ps.setString(5, line.logger());
          ps.setString(6, line.message());
          ps.setLong(7, line.runId());
        });
  }

  @Override
  public synchronized void start() {
    running = true;
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender.setContext(context);
    appender.setName("trii-task-logs");
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    writer = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(250);
          flush();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          dropped.incrementAndGet(); // the database went away for a moment: those lines are lost, logging goes on
        }
      }
    }, "task-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    writer.interrupt();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(2));
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // shutting down: what could not be written is lost
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the runs (a lower phase stops later), so that their last lines are written. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  private final class Appender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      Map<String, String> mdc = event.getMDCPropertyMap();
      String runId = mdc.get(RUN_ID);
      String task = mdc.get(TASK);
      if (runId == null || task == null) {
        return;
      }
      int count = linesPerTask.computeIfAbsent(runId + "/" + task, key -> new AtomicInteger()).incrementAndGet();
      if (count > MAX_LINES + 1) {
        return;
      }
      String message = count == MAX_LINES + 1 ? "… more lines were not kept (at most " + MAX_LINES + " per task)"
          : event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
              : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()));
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "…";
      }
      if (!queue.offer(new Pending(Long.parseLong(runId), task, Instant.ofEpochMilli(event.getTimeStamp()),
          event.getLevel().toString(), event.getLoggerName(), message))) {
        dropped.incrementAndGet();
      }
    }
  }
}
