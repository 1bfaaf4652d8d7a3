package dev.trii.scheduler.pipeline;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What happened to pipelines and runs besides their state changes, and who did it ({@code pipeline_events}): SLA
 * misses, timeouts, recoveries from dead nodes, missed fire times, pauses, backfills, retries and cancellations.
 */
public final class PipelineEvents {

  /** The kinds of event. */
  public enum Kind {
    SLA_MISSED, TIMED_OUT, RECOVERED, MISFIRE_SKIPPED, PAUSED, RESUMED, BACKFILL_QUEUED, RETRIED, CANCELLED
  }

  /** One recorded event. */
  public record Event(long eventId, Instant recordedAt, String pipeline, Long runId, String task, Kind kind,
      String actor, String detail) {}

  private final JdbcTemplate jdbc;

  public PipelineEvents(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public void record(String pipeline, Long runId, String task, Kind kind, String actor, String detail) {
    jdbc.update("insert into pipeline_events (pipeline, run_id, task, kind, actor, detail) values (?, ?, ?, ?, ?, ?)",
        pipeline, runId, task, kind.name(), actor, PipelineRunRepository.truncate(detail));
  }

  /** The pipeline's latest events, newest first. */
  public List<Event> latest(String pipeline, int limit) {
    return events("where pipeline = ? order by event_id desc limit ?", pipeline, limit);
  }

  /** The run's events, oldest first. */
  public List<Event> ofRun(long runId) {
    return events("where run_id = ? order by event_id", runId);
  }

  private List<Event> events(String where, Object... args) {
    return jdbc.query("select event_id, recorded_at, pipeline, run_id, task, kind, actor, detail from pipeline_events "
            + where,
        (rs, i) -> new Event(rs.getLong(1), PipelineRunRepository.instant(rs, 2), rs.getString(3),
            (Long) rs.getObject(4, Long.class), rs.getString(5), Kind.valueOf(rs.getString(6)), rs.getString(7),
            rs.getString(8)),
        args);
  }
}
