package dev.trii.scheduler.pipeline;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * A pipeline: Spring Batch jobs (by bean name) run one after the other, each only after the previous one completed,
 * optionally on a Quartz cron schedule in a time zone, a failed task tried again as its retry policy says.
 *
 * @param cron Quartz cron expression, empty for a pipeline that only runs on request
 */
public record PipelineDefinition(String name, List<String> tasks, Optional<String> cron, ZoneId timeZone,
    RetryPolicy retry) {

  /** A pipeline without automatic retries. */
  public PipelineDefinition(String name, List<String> tasks, Optional<String> cron, ZoneId timeZone) {
    this(name, tasks, cron, timeZone, RetryPolicy.NONE);
  }

  /** Lower-case names that fit in URLs and Quartz keys. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public PipelineDefinition {
    if (name == null || !NAME.matcher(name).matches() || name.equals("runs")) {
      throw new IllegalArgumentException("pipeline name must be 1-63 lower-case letters, digits, '-' or '_' (and not "
          + "'runs'), got '" + name + "'");
    }
    if (tasks == null || tasks.isEmpty()) {
      throw new IllegalArgumentException("pipeline " + name + " needs at least one task (a Spring Batch job name)");
    }
    tasks = tasks.stream().map(String::trim).toList();
    if (tasks.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("pipeline " + name + " has an empty task name: " + tasks);
    }
    if (new HashSet<>(tasks).size() != tasks.size()) {
      throw new IllegalArgumentException("pipeline " + name + " names a task twice: " + tasks);
    }
    retry = retry == null ? RetryPolicy.NONE : retry;
    cron = cron.map(String::trim).filter(c -> !c.isEmpty());
    if (cron.isPresent() && !CronExpression.isValidExpression(cron.get())) {
      throw new IllegalArgumentException("pipeline " + name + ": '" + cron.get() + "' is not a valid Quartz cron "
          + "expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 30 17 ? * MON-FRI')");
    }
  }
}
