package dev.trii.batch.report;

import dev.trii.batch.report.QualityDay.StaleEvent;
import dev.trii.batch.report.QualityDay.Verdict;
import dev.trii.core.instruments.CalendarSql;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The data-quality records of one trading day: {@code quality_checks} of the date, {@code quote_rejects} and
 * {@code SYMBOL_STALE} events of {@code ingestion_events} placed on each symbol's own trading date ({@link
 * CalendarSql}, as the quality job places them), and the sessions with a failed check overall.
 */
final class QualityQueries {

  private static final String VERDICTS = """
      select symbol, check_name, status, value, threshold, detail
      from quality_checks where trading_date = ? order by symbol, check_name""";

  private static final String FAILED_SESSIONS =
      "select count(*) from (select distinct trading_date, symbol from quality_checks where status <> 'PASS') s";

  /** The symbols of a table's rows in a time span (to build the calendars relation for). */
  private static final String SYMBOLS_BETWEEN =
      "select distinct symbol from %s where %s >= ? and %s < ? and symbol is not null %s order by symbol";

  private static final String REJECTS = "with " + CalendarSql.CALENDARS + """
      select (floor(extract(epoch from r.event_time) / 3600) * 3600)::bigint, r.reason, r.symbol, count(*)
      from quote_rejects r join calendars c on c.symbol = r.symbol
      where r.event_time >= ? and r.event_time < ? and %s = ?
      group by 1, 2, 3""".formatted(CalendarSql.tradingDate("r.event_time", "c"));

  private static final String UNPLACED = """
      select count(*) from quote_rejects
      where (symbol is null or event_time is null) and received_at >= ? and received_at < ?""";

  private static final String STALE = "with " + CalendarSql.CALENDARS + """
      select e.symbol, e.since, e.detected_at, e.resumed_at, e.detail
      from ingestion_events e join calendars c on c.symbol = e.symbol
      where e.kind = 'SYMBOL_STALE' and e.detected_at >= ? and e.detected_at < ? and %s = ?
      order by e.detected_at, e.symbol""".formatted(CalendarSql.tradingDate("e.detected_at", "c"));

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;

  QualityQueries(JdbcTemplate jdbc, InstrumentReference instruments) {
    this.jdbc = jdbc;
    this.instruments = instruments;
  }

  /** Everything of the day. */
  QualityDay day(LocalDate date, Instant windowStart, Instant windowEnd) {
    return new QualityDay(verdicts(date), RejectHours.of(rejects(date), windowStart, windowEnd),
        unplacedRejects(windowStart, windowEnd), staleEvents(date), failedSessionsOverall());
  }

  List<Verdict> verdicts(LocalDate date) {
    return jdbc.query(VERDICTS, (rs, i) -> new Verdict(rs.getString(1), rs.getString(2),
        "PASS".equals(rs.getString(3)), number(rs, 4), number(rs, 5), rs.getString(6)), Date.valueOf(date));
  }

  /** The day's rejects with a symbol and an event time, by UTC hour, reason and symbol. */
  List<RejectHours.Count> rejects(LocalDate date) {
    return placed("quote_rejects", "event_time", "", REJECTS, date, (rs, i) -> new RejectHours.Count(
        Instant.ofEpochSecond(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getLong(4)));
  }

  /** Records rejected without a symbol or event time (no trading date to place them on), received in the window. */
  long unplacedRejects(Instant windowStart, Instant windowEnd) {
    Long count = jdbc.queryForObject(UNPLACED, Long.class, Timestamp.from(windowStart), Timestamp.from(windowEnd));
    return count == null ? 0 : count;
  }

  /** The stale-symbol events detected on the day. */
  List<StaleEvent> staleEvents(LocalDate date) {
    return placed("ingestion_events", "detected_at", "and kind = 'SYMBOL_STALE'", STALE, date,
        (rs, i) -> new StaleEvent(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5)));
  }

  long failedSessionsOverall() {
    Long count = jdbc.queryForObject(FAILED_SESSIONS, Long.class);
    return count == null ? 0 : count;
  }

  /**
   * Rows of a table placed on the date by their symbol's calendar: the symbols found in the span that holds the date
   * in every calendar of the reference, then the query with their calendars.
   */
  private <T> List<T> placed(String table, String timeColumn, String filter, String query, LocalDate date,
      RowMapper<T> mapper) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (TradingCalendar calendar : instruments.calendars().values()) {
      start = Math.min(start, calendar.dayStart(date));
      end = Math.max(end, calendar.dayStart(date.plusDays(1)));
    }
    Timestamp from = new Timestamp(start);
    Timestamp to = new Timestamp(end);
    List<String> symbols = jdbc.queryForList(SYMBOLS_BETWEEN.formatted(table, timeColumn, timeColumn, filter),
        String.class, from, to);
    if (symbols.isEmpty()) {
      return List.of();
    }
    List<Object> arguments = new ArrayList<>(List.of(CalendarSql.arguments(instruments, symbols)));
    arguments.add(from);
    arguments.add(to);
    arguments.add(Date.valueOf(date));
    return jdbc.query(query, mapper, arguments.toArray());
  }

  private static Double number(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
