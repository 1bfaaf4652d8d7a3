package dev.trii.scheduler.insight;

import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the data looked like, for the console: the quality verdicts of the latest trading days per symbol, and the
 * reject explorer (rejected quotes by day, reason and symbol, with examples).
 */
public final class DataInsights {

  /** One symbol's verdicts on one trading day. */
  public record QualityDay(LocalDate tradingDate, String symbol, int passed, int failed, List<String> failedChecks) {}

  /** Rejects of one day, reason and symbol. */
  public record RejectCount(LocalDate day, String reason, String symbol, long rejects) {}

  /** One rejected record, as received. */
  public record RejectSample(LocalDate day, String reason, String symbol, String detail, String rawPayload) {}

  private final JdbcTemplate jdbc;

  public DataInsights(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The verdicts of the latest {@code days} trading days that were checked, newest first. */
  public List<QualityDay> quality(int days) {
    return jdbc.query("""
        with latest as (select distinct trading_date from quality_checks order by trading_date desc limit ?)
        select q.trading_date, q.symbol, count(*) filter (where q.status = 'PASS'),
               count(*) filter (where q.status = 'FAIL'),
               coalesce(array_agg(q.check_name order by q.check_name) filter (where q.status = 'FAIL'), '{}')
        from quality_checks q join latest l using (trading_date)
        group by 1, 2 order by 1 desc, 2""",
        (rs, i) -> new QualityDay(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getInt(3), rs.getInt(4),
            List.of((String[]) rs.getArray(5).getArray())), days);
  }

  /**
   * Rejects received in the last {@code days} days by day (of receipt, UTC), reason and symbol, newest first;
   * {@code symbol} and {@code reason} narrow it when given.
   */
  public List<RejectCount> rejects(int days, String symbol, String reason) {
    return jdbc.query("""
        select (received_at at time zone 'UTC')::date, reason, coalesce(symbol, '(none)'), count(*)
        from quote_rejects
        where received_at >= now() - make_interval(days => ?)
          and (cast(? as text) is null or symbol = ?) and (cast(? as text) is null or reason = ?)
        group by 1, 2, 3 order by 1 desc, 4 desc, 2, 3 limit 500""",
        (rs, i) -> new RejectCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getLong(4)),
        days, symbol, symbol, reason, reason);
  }

  /** The latest rejected records (narrowed like {@link #rejects}), as received. */
  public List<RejectSample> rejectSamples(int days, String symbol, String reason, int limit) {
    return jdbc.query("""
        select (received_at at time zone 'UTC')::date, reason, coalesce(symbol, '(none)'), detail, left(raw_payload, 300)
        from quote_rejects
        where received_at >= now() - make_interval(days => ?)
          and (cast(? as text) is null or symbol = ?) and (cast(? as text) is null or reason = ?)
        order by received_at desc limit ?""",
        (rs, i) -> new RejectSample(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)),
        days, symbol, symbol, reason, reason, limit);
  }
}
