package dev.trii.batch.quality;

import dev.trii.core.market.TradingSession;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Finds the (trading date, symbol) pairs whose quality evidence may have changed since they were last checked, with
 * their counts: never checked, checked before every current check existed, bars updated, rejects received or stale
 * events recorded since the check, or checked before that day's session closed. The query is the job's state: a
 * checked day drops out of it, so restarts and reruns continue with what is left.
 */
public final class DaysToCheck {

  private static final String SQL = """
      with params as (select cast(:tz as text) as tz, cast(:open as time) as open_time,
                             cast(:close as time) as close_time),
      days as (
        select b.symbol, (b.bar_time at time zone p.tz)::date as trading_date,
               count(*) filter (where (b.bar_time at time zone p.tz)::time >= p.open_time
                                  and (b.bar_time at time zone p.tz)::time < p.close_time) as session_bars,
               coalesce(sum(b.quote_count), 0) as quotes,
               max(b.updated_at) as bars_updated_at
        from bars_1m b cross join params p
        where %1$s
        group by 1, 2),
      rejects as (
        select r.symbol, (r.event_time at time zone p.tz)::date as trading_date, count(*) as rejects,
               count(*) filter (where r.reason = any(cast(:duplicates as text[]))) as duplicates,
               count(*) filter (where r.reason = any(cast(:late as text[]))) as out_of_order,
               max(r.received_at) as received_at
        from quote_rejects r cross join params p
        where r.symbol is not null and r.event_time is not null and %2$s
        group by 1, 2),
      events as (
        select e.symbol, (e.since at time zone p.tz)::date as trading_date, count(*) as stale_events,
               max(e.recorded_at) as recorded_at
        from ingestion_events e cross join params p
        where e.kind = 'SYMBOL_STALE' and %3$s
        group by 1, 2),
      checked as (
        select q.symbol, q.trading_date, min(q.checked_at) as checked_at,
               count(*) filter (where q.check_name = any(cast(:always as text[]))) as current_checks
        from quality_checks q
        where %4$s
        group by 1, 2)
      select d.trading_date, d.symbol, d.session_bars, d.quotes, coalesce(r.rejects, 0), coalesce(r.duplicates, 0),
             coalesce(r.out_of_order, 0), coalesce(e.stale_events, 0)
      from days d
      cross join params p
      left join rejects r on r.symbol = d.symbol and r.trading_date = d.trading_date
      left join events e on e.symbol = d.symbol and e.trading_date = d.trading_date
      left join checked c on c.symbol = d.symbol and c.trading_date = d.trading_date
      where c.checked_at is null
         or c.current_checks < :always_count
         or d.bars_updated_at > c.checked_at
         or r.received_at > c.checked_at
         or e.recorded_at > c.checked_at
         or c.checked_at < ((d.trading_date + p.close_time) at time zone p.tz)
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final TradingSession session;
  private final QualityConfig config;

  public DaysToCheck(DataSource dataSource, TradingSession session, QualityConfig config) {
    this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    this.session = session;
    this.config = config;
  }

  /** The symbols with at least one day to check, in order. */
  public List<String> symbols() {
    return jdbc.queryForList("select distinct symbol from (" + sql(null) + ") days order by symbol",
        parameters(null), String.class);
  }

  /** One symbol's days to check, in date order. */
  public List<DaySymbolStats> forSymbol(String symbol) {
    List<DaySymbolStats> days = new ArrayList<>();
    jdbc.query(sql(symbol) + " order by d.trading_date", parameters(symbol), rs -> {
      days.add(new DaySymbolStats(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3), rs.getLong(4),
          rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
    });
    return days;
  }

  /** The query for one symbol, or for every symbol when null. */
  private static String sql(String symbol) {
    String filter = symbol == null ? "true" : "%s.symbol = :symbol";
    return String.format(SQL, filter.formatted("b"), filter.formatted("r"), filter.formatted("e"),
        filter.formatted("q"));
  }

  private MapSqlParameterSource parameters(String symbol) {
    return new MapSqlParameterSource()
        .addValue("tz", session.zone().getId())
        .addValue("open", session.open().toString())
        .addValue("close", session.close().toString())
        .addValue("symbol", symbol)
        .addValue("duplicates", array(config.duplicateReasons()))
        .addValue("late", array(config.outOfOrderReasons()))
        .addValue("always", array(QualityCheck.EVERY_DAY))
        .addValue("always_count", QualityCheck.EVERY_DAY.size());
  }

  /** A PostgreSQL array literal of plain codes (validated upper-case words: no quoting needed). */
  private static String array(List<String> values) {
    return "{" + String.join(",", values) + "}";
  }
}
