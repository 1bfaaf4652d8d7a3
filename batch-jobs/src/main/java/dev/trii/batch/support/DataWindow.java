package dev.trii.batch.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The span of data a job run is about, from the scheduler's job parameters {@code dataIntervalStart} and
 * {@code dataIntervalEnd}: a job given one recomputes exactly the days or sessions with data in it (a backfill),
 * where without one it does whatever is new. {@code since} is when this job instance first started, so that a
 * restarted execution skips what the failed one already recomputed.
 *
 * @param from inclusive; null when the run has no interval
 * @param to exclusive
 */
public record DataWindow(Instant from, Instant to, Instant since) {

  /** Job parameter of the interval's start (an ISO-8601 instant). */
  public static final String START = "dataIntervalStart";
  /** Job parameter of the interval's end (an ISO-8601 instant). */
  public static final String END = "dataIntervalEnd";
  /** No interval: the job does what is new. */
  public static final DataWindow NONE = new DataWindow(null, null, null);

  /**
   * The SQL select list that binds the window's three values ({@link #arguments()}) as {@code from_time},
   * {@code to_time} and {@code since}; {@code from_time} is null without an interval.
   */
  public static final String SQL_COLUMNS =
      "cast(? as timestamptz) as from_time, cast(? as timestamptz) as to_time, cast(? as timestamptz) as since";

  /** The window of the step's job: its interval parameters, and the first start of its job instance. */
  public static DataWindow of(StepExecution step, JobRepository jobs) {
    JobParameters parameters = step.getJobParameters();
    String start = parameters.getString(START);
    String end = parameters.getString(END);
    if (start == null || end == null || start.isBlank() || end.isBlank()) {
      return NONE;
    }
    JobExecution current = step.getJobExecution();
    Instant since = jobs.getJobExecutions(current.getJobInstance()).stream()
        .map(JobExecution::getCreateTime).filter(time -> time != null).min(Comparator.naturalOrder())
        .orElse(current.getCreateTime())
        .atZone(ZoneId.systemDefault()).toInstant();
    return new DataWindow(Instant.parse(start), Instant.parse(end), since);
  }

  public boolean isPresent() {
    return from != null;
  }

  /** The values for {@link #SQL_COLUMNS}, in order. */
  public Object[] arguments() {
    return new Object[] {timestamp(from), timestamp(to), timestamp(since)};
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
