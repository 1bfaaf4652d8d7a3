package dev.trii.core.instruments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trading calendars inside SQL, for the batch jobs that group bars, rejects and events by trading date per symbol:
 * a {@code calendars(symbol, tz, shift, open_at, close_at)} relation built from five array parameters, and the
 * expressions that use it. Its trading dates and regular session hours are exactly those of
 * {@link TradingCalendar#tradingDate} and {@link TradingCalendar#openOf} / {@link TradingCalendar#closeOf} (holidays
 * and early closes stay in Java: the jobs judge each day with the calendar itself).
 */
public final class CalendarSql {

  /**
   * The relation, for a {@code with} clause; its five parameters are positional ({@code ?}), in the order
   * {@link #arguments} gives them.
   */
  public static final String CALENDARS = """
      calendars as (
        select * from unnest(cast(? as text[]), cast(? as text[]), cast(? as interval[]), cast(? as interval[]),
                             cast(? as interval[])) as c(symbol, tz, shift, open_at, close_at))""";

  /**
   * The distinct symbols of {@code bars_1m}, in order: a loose index scan over its primary key, one index probe per
   * symbol however many bars there are.
   */
  public static final String BAR_SYMBOLS = """
      with recursive s(symbol) as (
        (select symbol from bars_1m order by symbol limit 1)
        union all
        select (select b.symbol from bars_1m b where b.symbol > s.symbol order by b.symbol limit 1)
        from s where s.symbol is not null)
      select symbol from s where symbol is not null""";

  private CalendarSql() {}

  /** The trading date of a timestamptz expression, for a row of {@code calendars} aliased {@code c}. */
  public static String tradingDate(String instant, String c) {
    return "((" + instant + " at time zone " + c + ".tz) + " + c + ".shift)::date";
  }

  /** The regular opening instant of a trading-date expression's session. */
  public static String sessionOpen(String date, String c) {
    return "((" + date + " + " + c + ".open_at) at time zone " + c + ".tz)";
  }

  /** The regular closing instant of a trading-date expression's session. */
  public static String sessionClose(String date, String c) {
    return "((" + date + " + " + c + ".close_at) at time zone " + c + ".tz)";
  }

  /** The symbols with bars. */
  public static List<String> barSymbols(JdbcTemplate jdbc) {
    return jdbc.queryForList(BAR_SYMBOLS, String.class);
  }

  /** The five array arguments of {@link #CALENDARS} for these symbols, as PostgreSQL array literals. */
  public static Object[] arguments(InstrumentReference instruments, Collection<String> symbols) {
    List<TradingCalendar> calendars = symbols.stream().map(instruments::calendar).toList();
    return new Object[] {
        array(new ArrayList<>(symbols), s -> s),
        array(calendars, c -> c.zone().getId()),
        array(calendars, c -> interval(c.tradingDateShift())),
        array(calendars, c -> interval(Duration.ofMinutes(c.opensDayBefore()
            ? c.open().getHour() * 60L + c.open().getMinute() - 1440 : c.open().getHour() * 60L + c.open().getMinute()))),
        array(calendars, c -> interval(Duration.ofMinutes(c.closeMinute())))};
  }

  private static String interval(Duration duration) {
    return duration.toMinutes() + " minutes";
  }

  private static <T> String array(List<T> values, Function<T, String> text) {
    StringBuilder out = new StringBuilder("{");
    for (T value : values) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(text.apply(value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append('}').toString();
  }
}
