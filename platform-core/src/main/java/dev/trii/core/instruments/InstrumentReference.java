package dev.trii.core.instruments;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The instrument reference: symbol → asset class and trading calendar, read from {@value #BUILT_IN} on the classpath
 * (documented there) with the file {@code TRII_INSTRUMENTS_FILE} names laid over it. A symbol is looked up among the
 * explicit instruments, then the patterns in order, then the default, so every symbol has a calendar. Serializable:
 * Flink operators carry it.
 */
public final class InstrumentReference implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The built-in reference, on the classpath. */
  public static final String BUILT_IN = "instruments.yaml";

  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
      .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private final Map<String, TradingCalendar> calendars;
  private final Map<String, Instrument> instruments;
  private final List<Rule> rules;
  private final Rule fallback;
  private final String origin;

  private transient Map<String, Instrument> resolved;

  private InstrumentReference(Map<String, TradingCalendar> calendars, Map<String, Instrument> instruments,
      List<Rule> rules, Rule fallback, String origin) {
    this.calendars = Map.copyOf(calendars);
    this.instruments = Map.copyOf(instruments);
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
    this.origin = origin;
  }

  /** The built-in reference alone. */
  public static InstrumentReference builtIn() {
    return Holder.BUILT_IN_REFERENCE;
  }

  /** The built-in reference with a user file laid over it. */
  public static InstrumentReference load(Path file) {
    InstrumentsFile user;
    try (InputStream in = Files.newInputStream(file)) {
      user = InstrumentsFile.read(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read instrument file " + file + ": " + e.getMessage(), e);
    }
    return build(List.of(user, builtInFile()), file + " over the built-in " + BUILT_IN);
  }

  /** The reference of a configuration: {@code TRII_INSTRUMENTS_FILE} over the built-in one, or the built-in one. */
  public static InstrumentReference of(TriiConfig config) {
    if (config.optional(Settings.INSTRUMENTS_FILE).isEmpty()) {
      return builtIn();
    }
    Path file = config.path(Settings.INSTRUMENTS_FILE);
    try {
      return load(file);
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage() + " (" + Settings.INSTRUMENTS_FILE.env() + ")", e);
    }
  }

  /** The instrument a symbol resolves to. */
  public Instrument instrument(String symbol) {
    Map<String, Instrument> cache = resolved;
    if (cache == null) {
      cache = new ConcurrentHashMap<>();
      resolved = cache;
    }
    return cache.computeIfAbsent(symbol, this::resolve);
  }

  /** The trading calendar of a symbol's venue. */
  public TradingCalendar calendar(String symbol) {
    return instrument(symbol).calendar();
  }

  /** The calendars by name. */
  public Map<String, TradingCalendar> calendars() {
    return calendars;
  }

  /** A calendar by name. */
  public TradingCalendar calendarNamed(String name) {
    TradingCalendar calendar = calendars.get(name);
    if (calendar == null) {
      throw new IllegalArgumentException("no calendar '" + name + "' (known: " + calendars.keySet() + ")");
    }
    return calendar;
  }

  /**
   * The trading dates an instant falls on across every calendar of the reference, earliest first (an instant may be
   * Tuesday in New York's FX calendar and still Monday for New York equities); for ranges of data whose symbols are
   * not known one by one.
   */
  public List<LocalDate> tradingDates(long epochMillis) {
    return calendars.values().stream().map(calendar -> calendar.tradingDate(epochMillis)).distinct().sorted()
        .toList();
  }

  /** Where the reference was read from. */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "InstrumentReference[" + origin + ": " + calendars.keySet() + ", " + instruments.size()
        + " instruments, " + rules.size() + " patterns]";
  }

  private Instrument resolve(String symbol) {
    Instrument named = instruments.get(symbol);
    if (named != null) {
      return named;
    }
    for (Rule rule : rules) {
      if (rule.matches(symbol)) {
        return rule.instrument(symbol);
      }
    }
    return fallback.instrument(symbol);
  }

  private static InstrumentsFile builtInFile() {
    try (InputStream in = InstrumentReference.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("the built-in " + BUILT_IN + " is missing from the classpath");
      }
      return InstrumentsFile.read(in, "classpath:" + BUILT_IN);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
    }
  }

  /** Builds a reference from files, the first one winning: calendars by name, instruments by symbol, rules in order. */
  private static InstrumentReference build(List<InstrumentsFile> files, String origin) {
    Map<String, TradingCalendar> calendars = new LinkedHashMap<>();
    for (int i = files.size() - 1; i >= 0; i--) {
      files.get(i).calendars().forEach((name, entry) -> calendars.put(name, calendar(name, entry)));
    }
    Map<String, Instrument> instruments = new HashMap<>();
    List<Rule> rules = new ArrayList<>();
    Rule fallback = null;
    for (InstrumentsFile file : files) {
      for (InstrumentsFile.InstrumentEntry entry : file.instruments()) {
        String symbol = required(entry.symbol(), "an instrument's symbol");
        instruments.putIfAbsent(symbol, new Instrument(symbol, assetClass(entry.assetClass(), symbol),
            calendarOf(calendars, entry.calendar(), "instrument " + symbol), "instrument"));
      }
      for (InstrumentsFile.PatternEntry entry : file.patterns()) {
        rules.add(rule(entry, calendars));
      }
      if (fallback == null && file.defaultTarget() != null) {
        InstrumentsFile.Target target = file.defaultTarget();
        fallback = new Rule(null, false, assetClass(target.assetClass(), "default"),
            calendarOf(calendars, target.calendar(), "default"));
      }
    }
    if (fallback == null) {
      throw new IllegalArgumentException("instrument file " + origin + " has no default");
    }
    return new InstrumentReference(calendars, instruments, rules, fallback, origin);
  }

  private static Rule rule(InstrumentsFile.PatternEntry entry, Map<String, TradingCalendar> calendars) {
    boolean currencyPair = Boolean.TRUE.equals(entry.currencyPair());
    if (currencyPair == (entry.regex() != null)) {
      throw new IllegalArgumentException("a pattern needs either regex or currency-pair: true, got " + entry);
    }
    String what = currencyPair ? "currency-pair" : "pattern " + entry.regex();
    Pattern regex = null;
    if (!currencyPair) {
      try {
        regex = Pattern.compile(entry.regex());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("pattern '" + entry.regex() + "' is not a regular expression: "
            + e.getDescription());
      }
    }
    return new Rule(regex, currencyPair, assetClass(entry.assetClass(), what), calendarOf(calendars,
        entry.calendar(), what));
  }

  private static TradingCalendar calendarOf(Map<String, TradingCalendar> calendars, String name, String user) {
    TradingCalendar calendar = calendars.get(required(name, "the calendar of " + user));
    if (calendar == null) {
      throw new IllegalArgumentException(user + " names calendar '" + name + "', which is not defined (known: "
          + calendars.keySet() + ")");
    }
    return calendar;
  }

  private static AssetClass assetClass(String value, String user) {
    String text = required(value, "the asset-class of " + user);
    try {
      return AssetClass.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(user + ": asset-class must be one of " + labels() + ", got '" + text + "'");
    }
  }

  private static String labels() {
    return EnumSet.allOf(AssetClass.class).stream().map(AssetClass::label).collect(Collectors.joining(", "));
  }

  static TradingCalendar calendar(String name, InstrumentsFile.CalendarEntry entry) {
    String where = "calendar '" + name + "'";
    ZoneId zone;
    try {
      zone = ZoneId.of(required(entry.zone(), "the zone of " + where));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ": zone must be a time zone such as America/New_York, got '"
          + entry.zone() + "'");
    }
    String hours = required(entry.hours(), "the hours of " + where);
    String[] parts = hours.split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException(where + ": hours must look like 09:30-16:00, got '" + hours + "'");
    }
    LocalTime open = time(parts[0], where + " hours");
    int closeMinute = parts[1].trim().equals("24:00") ? 1440 : minuteOfDay(time(parts[1], where + " hours"));
    if (closeMinute == 0) {
      throw new IllegalArgumentException(where + ": write a midnight close as 24:00, got '" + hours + "'");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : required(entry.days(), "the days of " + where)) {
      days.add(dayOfWeek(day, where));
    }
    Set<LocalDate> holidays = new LinkedHashSet<>(dates(entry.holidays(), where + " holidays"));
    Map<LocalDate, LocalTime> earlyCloses = new HashMap<>();
    List<LocalDate> early = dates(entry.earlyCloses(), where + " early-closes");
    if (!early.isEmpty()) {
      LocalTime earlyClose = time(required(entry.earlyClose(), "early-close (the closing time of the early-closes) "
          + "of " + where), where + " early-close");
      early.forEach(date -> earlyCloses.put(date, earlyClose));
    }
    return new TradingCalendar(name, zone, open, closeMinute, days, holidays, earlyCloses);
  }

  private static List<LocalDate> dates(Map<Integer, List<String>> byYear, String where) {
    List<LocalDate> dates = new ArrayList<>();
    if (byYear == null) {
      return dates;
    }
    byYear.forEach((year, monthDays) -> {
      for (String monthDay : Objects.requireNonNullElse(monthDays, List.<String>of())) {
        try {
          dates.add(LocalDate.parse(year + "-" + monthDay.trim()));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(where + ": '" + monthDay + "' of " + year
              + " is not a date written MM-DD");
        }
      }
    });
    return dates;
  }

  private static LocalTime time(String text, String where) {
    try {
      return LocalTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": '" + text.trim() + "' is not a time such as 09:30");
    }
  }

  private static int minuteOfDay(LocalTime time) {
    return time.getHour() * 60 + time.getMinute();
  }

  private static DayOfWeek dayOfWeek(String text, String where) {
    String day = text.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek candidate : DayOfWeek.values()) {
      if (candidate.name().startsWith(day) && day.length() >= 3) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(where + ": '" + text + "' is not a weekday such as MON");
  }

  private static <T> T required(T value, String what) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new IllegalArgumentException("missing " + what);
    }
    return value;
  }

  /** A way to match symbols (a regex or currency pairs; neither for the default) and what they resolve to. */
  private record Rule(Pattern regex, boolean currencyPair, AssetClass assetClass, TradingCalendar calendar)
      implements Serializable {

    boolean matches(String symbol) {
      if (currencyPair) {
        return symbol.length() == 6 && CURRENCIES.contains(symbol.substring(0, 3))
            && CURRENCIES.contains(symbol.substring(3)) && !symbol.startsWith(symbol.substring(3));
      }
      return regex == null || regex.matcher(symbol).matches();
    }

    Instrument instrument(String symbol) {
      String how = currencyPair ? "currency-pair" : regex == null ? "default" : "pattern " + regex.pattern();
      return new Instrument(symbol, assetClass, calendar, how);
    }
  }

  /** Reads the built-in reference once, on first use. */
  private static final class Holder {
    static final InstrumentReference BUILT_IN_REFERENCE = build(List.of(builtInFile()), "classpath:" + BUILT_IN);
  }
}
