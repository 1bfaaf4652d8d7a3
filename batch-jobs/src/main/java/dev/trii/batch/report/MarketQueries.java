package dev.trii.batch.report;

import dev.trii.core.instruments.CalendarSql;
import dev.trii.core.instruments.Instrument;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.Session;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The market data of the report: which trading dates have bars, and one date's bars per symbol. A symbol's trading
 * date is the one of its own calendar ({@link TradingCalendar#tradingDate}), as in the quality and features jobs: the
 * bars of date D are those in {@code [dayStart(D), dayStart(D + 1))}.
 */
final class MarketQueries {

  private static final String BARS = """
      select bar_time, open, high, low, close, volume, vwap, quote_count, mean_spread
      from bars_1m where symbol = ? and bar_time >= ? and bar_time < ? order by bar_time""";

  private static final String LAST_CLOSE = """
      select close from bars_1m where symbol = ? and bar_time >= ? and bar_time < ?
      order by bar_time desc limit 1""";

  private static final String LAST_BAR = "select max(bar_time) from bars_1m where symbol = ?";

  private static final String LAST_BAR_BEFORE = LAST_BAR + " and bar_time < ?";

  private static final String DATES = "with " + CalendarSql.CALENDARS + """
      select distinct %s as trading_date
      from bars_1m b join calendars c on c.symbol = b.symbol
      where b.bar_time >= ? and b.bar_time < ?
      order by 1""".formatted(CalendarSql.tradingDate("b.bar_time", "c"));

  /** The span of market data a day covers. */
  record Window(Instant start, Instant end) {}

  private final JdbcTemplate jdbc;
  private final InstrumentReference instruments;

  MarketQueries(JdbcTemplate jdbc, InstrumentReference instruments) {
    this.jdbc = jdbc;
    this.instruments = instruments;
  }

  /** The symbols with bars, in order. */
  List<String> symbols() {
    return CalendarSql.barSymbols(jdbc);
  }

  /** The trading dates from {@code from} to {@code to} (both inclusive) on which some symbol has bars, in order. */
  List<LocalDate> datesWithBars(LocalDate from, LocalDate to) {
    List<String> symbols = symbols();
    if (symbols.isEmpty() || to.isBefore(from)) {
      return List.of();
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (String symbol : symbols) {
      TradingCalendar calendar = instruments.calendar(symbol);
      start = Math.min(start, calendar.dayStart(from));
      end = Math.max(end, calendar.dayStart(to.plusDays(1)));
    }
    List<Object> arguments = new ArrayList<>(List.of(CalendarSql.arguments(instruments, symbols)));
    arguments.add(new Timestamp(start));
    arguments.add(new Timestamp(end));
    return jdbc.queryForList(DATES, Date.class, arguments.toArray()).stream().map(Date::toLocalDate)
        .filter(date -> !date.isBefore(from) && !date.isAfter(to)).toList();
  }

  /** The latest trading date with bars of any symbol. */
  Optional<LocalDate> latestDateWithBars() {
    return latestBefore(symbols(), null);
  }

  /** The latest trading date before {@code date} on which one of the symbols has bars. */
  Optional<LocalDate> previousDateWithBars(List<String> symbols, LocalDate date) {
    return latestBefore(symbols, date);
  }

  /** Each symbol's bars of the date, for the symbols that have some. */
  List<SymbolDay> day(LocalDate date, List<String> symbols, Map<String, Double> previousCloses) {
    List<SymbolDay> days = new ArrayList<>();
    for (String symbol : symbols) {
      Instrument instrument = instruments.instrument(symbol);
      TradingCalendar calendar = instrument.calendar();
      List<Bar> bars = jdbc.query(BARS, (rs, i) -> new Bar(symbol, rs.getTimestamp(1).getTime(), rs.getDouble(2),
          rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), nullable(rs.getObject(7)),
          rs.getInt(8), rs.getDouble(9)), symbol, new Timestamp(calendar.dayStart(date)),
          new Timestamp(calendar.dayStart(date.plusDays(1))));
      if (!bars.isEmpty()) {
        days.add(new SymbolDay(symbol, instrument.assetClass().label(), calendar.name(), calendar.zone(),
            calendar.hours(), calendar.session(date), bars, previousCloses.get(symbol)));
      }
    }
    return days;
  }

  /** Each symbol's last close of the date, for the symbols with bars that day. */
  Map<String, Double> closes(LocalDate date, List<String> symbols) {
    Map<String, Double> closes = new LinkedHashMap<>();
    for (String symbol : symbols) {
      TradingCalendar calendar = instruments.calendar(symbol);
      jdbc.query(LAST_CLOSE, rs -> {
        closes.put(symbol, rs.getDouble(1));
      }, symbol, new Timestamp(calendar.dayStart(date)), new Timestamp(calendar.dayStart(date.plusDays(1))));
    }
    return closes;
  }

  /**
   * The day's window: from the earliest session start to the latest session end of the date over the symbols (a
   * symbol whose calendar does not trade that date counts its whole trading date); the UTC day when there are none.
   */
  Window window(LocalDate date, Collection<String> symbols) {
    if (symbols.isEmpty()) {
      return new Window(date.atStartOfDay(ZoneOffset.UTC).toInstant(),
          date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (String symbol : symbols) {
      TradingCalendar calendar = instruments.calendar(symbol);
      Session session = calendar.session(date);
      start = Math.min(start, session == null ? calendar.dayStart(date) : session.open());
      end = Math.max(end, session == null ? calendar.dayStart(date.plusDays(1)) : session.close());
    }
    return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
  }

  private Optional<LocalDate> latestBefore(List<String> symbols, LocalDate date) {
    LocalDate latest = null;
    for (String symbol : symbols) {
      TradingCalendar calendar = instruments.calendar(symbol);
      Timestamp last = date == null ? jdbc.queryForObject(LAST_BAR, Timestamp.class, symbol)
          : jdbc.queryForObject(LAST_BAR_BEFORE, Timestamp.class, symbol, new Timestamp(calendar.dayStart(date)));
      if (last != null) {
        LocalDate tradingDate = calendar.tradingDate(last.getTime());
        if (latest == null || tradingDate.isAfter(latest)) {
          latest = tradingDate;
        }
      }
    }
    return Optional.ofNullable(latest);
  }

  private static double nullable(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }
}
