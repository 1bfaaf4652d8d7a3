package dev.trii.scheduler.quartz;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works around a known Quartz bug in clustered mode with {@code @DisallowConcurrentExecution}: a trigger can stay
 * BLOCKED or ACQUIRED after the firing it waited for is gone, and then never fires again. A trigger found in that state
 * with no fired-trigger row for itself or its job, on two checks in a row, is put back to WAITING. The check holds
 * Quartz's own {@code TRIGGER_ACCESS} row lock, so it never races the scheduler's state changes.
 */
public final class StuckTriggerWatchdog implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StuckTriggerWatchdog.class);

  private static final String STUCK = """
      select t.trigger_name, t.trigger_group, t.trigger_state from qrtz_triggers t
       where t.sched_name = ? and t.trigger_state in ('BLOCKED', 'ACQUIRED')
         and not exists (select 1 from qrtz_fired_triggers f
                          where f.sched_name = t.sched_name
                            and ((f.trigger_name = t.trigger_name and f.trigger_group = t.trigger_group)
                              or (f.job_name = t.job_name and f.job_group = t.job_group)))""";

  /** A trigger seen stuck, identified with the state it was stuck in. */
  private record Stuck(String name, String group, String state) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final String schedulerName;
  private final Duration interval;
  private final Counter released;
  private Set<Stuck> seenLastTime = Set.of();
  private ScheduledExecutorService executor;

  public StuckTriggerWatchdog(DataSource dataSource, String schedulerName, Duration interval, MeterRegistry meters) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.schedulerName = schedulerName;
    this.interval = interval;
    this.released = Counter.builder("trii.scheduler.stuck.triggers.released")
        .description("Quartz triggers found stuck in BLOCKED/ACQUIRED and put back to WAITING")
        .register(meters);
  }

  /**
   * One check: releases the triggers that were already stuck at the previous check and still are; returns how many.
   */
  public synchronized int check() {
    Integer count = transaction.execute(tx -> {
      jdbc.queryForList("select lock_name from qrtz_locks where sched_name = ? and lock_name = 'TRIGGER_ACCESS' for update",
          String.class, schedulerName);
      List<Stuck> stuck = jdbc.query(STUCK, (rs, i) -> new Stuck(rs.getString(1), rs.getString(2), rs.getString(3)),
          schedulerName);
      int fixed = 0;
      for (Stuck trigger : stuck) {
        if (seenLastTime.contains(trigger)) {
          fixed += jdbc.update("update qrtz_triggers set trigger_state = 'WAITING' where sched_name = ? "
              + "and trigger_name = ? and trigger_group = ? and trigger_state = ?",
              schedulerName, trigger.name(), trigger.group(), trigger.state());
          log.warn("Quartz trigger {}.{} was stuck in {} with nothing executing: put back to WAITING",
              trigger.group(), trigger.name(), trigger.state());
        }
      }
      Set<Stuck> stillWaiting = new HashSet<>(stuck);
      stillWaiting.removeAll(seenLastTime);
      seenLastTime = Set.copyOf(stillWaiting);
      return fixed;
    });
    released.increment(count);
    return count;
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "quartz-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        check();
      } catch (RuntimeException e) {
        log.warn("Quartz trigger watchdog check failed: {}", e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
