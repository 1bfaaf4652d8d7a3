package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention of raw quotes, counted from when a quote was ingested ({@code quotes.ingested_at}), never from its event
 * time: a backfill of ten-year-old history is as young as the day it was loaded. Off unless asked for; a dry run
 * counts what would go before anything is deleted. The same on plain PostgreSQL and on TimescaleDB (whose built-in
 * retention policy drops chunks by event time, which would delete every backfill on its next run, so the platform
 * does not use it). Bars, the training history, are never deleted.
 */
public final class QuoteRetention {

  /** Rows deleted per statement, so a large deletion does not hold one huge transaction. */
  static final int BATCH = 50_000;

  private final JdbcTemplate jdbc;

  public QuoteRetention(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * What keeping {@code keep} of quotes would delete: quotes ingested before now minus {@code keep}.
   *
   * @param keep a PostgreSQL interval such as {@code 5 years} or {@code 400 days}
   */
  public Plan plan(String keep) {
    try {
      Map<String, Object> row = jdbc.queryForMap("""
          with cutoff as (select now() - cast(? as interval) as at)
          select c.at as cutoff, count(q.*) as rows, min(q.event_time) as oldest, max(q.event_time) as newest,
                 (select count(*) from quotes) as total
          from cutoff c left join quotes q on q.ingested_at < c.at
          group by c.at""", keep);
      return new Plan(keep, instant(row.get("cutoff")), ((Number) row.get("rows")).longValue(),
          ((Number) row.get("total")).longValue(), instant(row.get("oldest")), instant(row.get("newest")));
    } catch (DataAccessException e) {
      throw new TriiException("quote retention must be a PostgreSQL interval such as '5 years' or '400 days', got '"
          + keep + "': " + rootMessage(e), e);
    }
  }

  /** Deletes the quotes the plan counted (ingested before its cutoff), in batches; returns how many went. */
  public long apply(Plan plan) {
    long deleted = 0;
    int batch;
    do {
      batch = jdbc.update("delete from quotes where ctid = any (array(select ctid from quotes where ingested_at < ? "
          + "limit " + BATCH + "))", Timestamp.from(plan.cutoff()));
      deleted += batch;
    } while (batch == BATCH);
    return deleted;
  }

  private static Instant instant(Object value) {
    return value == null ? null : ((Timestamp) value).toInstant();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * What a retention would delete.
   *
   * @param cutoff quotes ingested before it go
   * @param rows quotes that would be deleted, of {@code total}
   * @param oldest earliest event time among them, null when none
   * @param newest latest event time among them, null when none
   */
  public record Plan(String keep, Instant cutoff, long rows, long total, Instant oldest, Instant newest) {}
}
