package dev.trii.scheduler.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database reads behind the platform-state gauges, each one cheap and read-only: a probe, the newest stored
 * quote of every symbol, and the end of every pipeline's last succeeded run.
 */
public final class PlatformQueries {

  /**
   * The distinct symbols of {@code quotes} by a loose index scan over its primary key (symbol, event_time, ...),
   * then one backward index probe per symbol for its newest event time: as cheap with a billion quotes as with ten.
   */
  private static final String NEWEST_QUOTES = """
      with recursive s(symbol) as (
        (select symbol from quotes order by symbol limit 1)
        union all
        select (select q.symbol from quotes q where q.symbol > s.symbol order by q.symbol limit 1)
        from s where s.symbol is not null)
      select s.symbol, (select max(q.event_time) from quotes q where q.symbol = s.symbol)
      from s where s.symbol is not null""";

  private static final String LAST_SUCCESSES = """
      select pipeline, max(ended_at) from pipeline_runs
      where status = 'SUCCEEDED' and ended_at is not null
      group by pipeline""";

  private final JdbcTemplate jdbc;

  public PlatformQueries(DataSource dataSource, int timeoutSeconds) {
    this.jdbc = new JdbcTemplate(dataSource);
    // a slow database makes the readings late, never the reading thread stuck
    this.jdbc.setQueryTimeout(timeoutSeconds);
  }

  /** Asks PostgreSQL a trivial question; throws when it cannot answer. */
  public void probe() {
    jdbc.queryForObject("select 1", Integer.class);
  }

  /** Symbol to the event time of its newest stored quote. */
  public Map<String, Instant> newestQuotes() {
    return byName(NEWEST_QUOTES);
  }

  /** Pipeline to the end of its last succeeded run; pipelines that never succeeded are absent. */
  public Map<String, Instant> lastSuccesses() {
    return byName(LAST_SUCCESSES);
  }

  private Map<String, Instant> byName(String sql) {
    Map<String, Instant> times = new LinkedHashMap<>();
    jdbc.query(sql, rs -> {
      Timestamp time = rs.getTimestamp(2);
      if (time != null) {
        times.put(rs.getString(1), time.toInstant());
      }
    });
    return times;
  }
}
