package dev.trii.batch.quality;

import dev.trii.batch.support.DataWindow;
import dev.trii.core.instruments.CalendarSql;
import dev.trii.core.instruments.InstrumentReference;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the (trading date, symbol) pairs whose quality evidence may have changed since they were last checked, with
 * their counts: never checked, checked before every current check existed, bars updated, rejects received or stale
 * events recorded since the check, or checked before that day's session closed; and with a data interval
 * ({@link DataWindow}: a scheduled or backfill run) also every day with bars in the interval, checked again. Trading dates and session hours are
 * each symbol's own ({@link CalendarSql}, from the instrument reference). The query is the job's state: a checked day
 * drops out of it, so restarts and reruns continue with what is left.
 */
public final class DaysToCheck {

  private static final String SQL = "with " + CalendarSql.CALENDARS + """
      ,
      params as (select cast(? as text[]) as duplicates, cast(? as text[]) as late, cast(? as text[]) as always,
                        cast(? as int) as always_count, %7$s),
      days as (
        select b.symbol, d.trading_date,
               count(*) filter (where b.bar_time >= %1$s and b.bar_time < %2$s) as session_bars,
               coalesce(sum(b.quote_count), 0) as quotes,
               max(b.updated_at) as bars_updated_at,
               bool_or(b.bar_time >= p.from_time and b.bar_time < p.to_time) as in_window
        from bars_1m b join calendars c on c.symbol = b.symbol cross join params p
        cross join lateral (select %3$s as trading_date) d
        group by 1, 2),
      rejects as (
        select r.symbol, %4$s as trading_date, count(*) as rejects,
               count(*) filter (where r.reason = any(p.duplicates)) as duplicates,
               count(*) filter (where r.reason = any(p.late)) as out_of_order,
               max(r.received_at) as received_at
        from quote_rejects r join calendars c on c.symbol = r.symbol cross join params p
        where r.event_time is not null
        group by 1, 2),
      events as (
        select e.symbol, %5$s as trading_date, count(*) as stale_events, max(e.recorded_at) as recorded_at
        from ingestion_events e join calendars c on c.symbol = e.symbol
        where e.kind = 'SYMBOL_STALE'
        group by 1, 2),
      checked as (
        select q.symbol, q.trading_date, min(q.checked_at) as checked_at,
               count(*) filter (where q.check_name = any(p.always)) as current_checks
        from quality_checks q join calendars c on c.symbol = q.symbol cross join params p
        group by 1, 2)
      select d.trading_date, d.symbol, d.session_bars, d.quotes, coalesce(r.rejects, 0), coalesce(r.duplicates, 0),
             coalesce(r.out_of_order, 0), coalesce(e.stale_events, 0)
      from days d
      join calendars c on c.symbol = d.symbol
      cross join params p
      left join rejects r on r.symbol = d.symbol and r.trading_date = d.trading_date
      left join events e on e.symbol = d.symbol and e.trading_date = d.trading_date
      left join checked q on q.symbol = d.symbol and q.trading_date = d.trading_date
      where q.checked_at is null
         or q.current_checks < p.always_count
         or d.bars_updated_at > q.checked_at
         or r.received_at > q.checked_at
         or e.recorded_at > q.checked_at
         or q.checked_at < %6$s
         or (p.from_time is not null and d.in_window and q.checked_at < p.since)
      """.formatted(
          CalendarSql.sessionOpen("d.trading_date", "c"), CalendarSql.sessionClose("d.trading_date", "c"),
          CalendarSql.tradingDate("b.bar_time", "c"), CalendarSql.tradingDate("r.event_time", "c"),
          CalendarSql.tradingDate("e.since", "c"), CalendarSql.sessionClose("d.trading_date", "c"),
          DataWindow.SQL_COLUMNS);

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;
  private final QualityConfig config;

  public DaysToCheck(DataSource dataSource, InstrumentReference instruments, QualityConfig config) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.instruments = instruments;
    this.config = config;
  }

  /** The symbols with at least one day to check, in order. */
  public List<String> symbols() {
    return symbols(DataWindow.NONE);
  }

  /**
   * The symbols with at least one day to check, in order; with a data interval, also the symbols with a trading day
   * that has bars in it (each such day is checked again, once per job instance).
   */
  public List<String> symbols(DataWindow window) {
    List<String> symbols = CalendarSql.barSymbols(jdbc);
    if (symbols.isEmpty()) {
      return List.of();
    }
    return jdbc.queryForList("select distinct symbol from (" + SQL + ") days order by symbol", String.class,
        arguments(symbols, window));
  }

  /** One symbol's days to check, in date order. */
  public List<DaySymbolStats> forSymbol(String symbol) {
    return forSymbol(symbol, DataWindow.NONE);
  }

  /** One symbol's days to check (with a data interval, also its days with bars in it), in date order. */
  public List<DaySymbolStats> forSymbol(String symbol, DataWindow window) {
    List<DaySymbolStats> days = new ArrayList<>();
    jdbc.query(SQL + " order by d.trading_date", rs -> {
      days.add(new DaySymbolStats(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3), rs.getLong(4),
          rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
    }, arguments(List.of(symbol), window));
    return days;
  }

  private Object[] arguments(List<String> symbols, DataWindow window) {
    List<Object> arguments = new ArrayList<>(List.of(CalendarSql.arguments(instruments, symbols)));
    arguments.add(array(config.duplicateReasons()));
    arguments.add(array(config.outOfOrderReasons()));
    arguments.add(array(QualityCheck.EVERY_DAY));
    arguments.add(QualityCheck.EVERY_DAY.size());
    arguments.addAll(java.util.Arrays.asList(window.arguments()));
    return arguments.toArray();
  }

  /** A PostgreSQL array literal of plain codes (validated upper-case words: no quoting needed). */
  private static String array(List<String> values) {
    return "{" + String.join(",", values) + "}";
  }
}
