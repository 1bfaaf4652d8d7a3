package dev.trii.ingestion.source;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of the {@link MarketSimulator}; validated when built, naming the bad value.
 *
 * @param symbols tickers to simulate, each one the default rules accept ({@code symbols.pattern}), no duplicates
 * @param startDate first calendar day; the simulation starts on the first trading day on or after it
 * @param tradingDays number of full trading days to simulate (holidays and early closes skipped), 1 to 10,000
 * @param quotesPerMinute quotes per symbol per session minute, 1 to 6,000
 * @param seed seed of every random draw: the same settings always produce the same records
 * @param imbalanceEffect how strongly the queue imbalance of the book decides the direction of the next mid-price
 *     move ({@link MarketSimulator}): P(up) = (1 + imbalanceEffect × imbalance) / 2; default 1 (the queue-imbalance
 *     effect measured on large-tick stocks), 0 makes sizes uninformative and the mid a pure random walk (the
 *     negative control); range [0, 1]
 * @param faults how often each kind of fault is injected, and silent symbols ({@link FaultRates}); by default
 *     {@link FaultRates#uniform} at 0.002
 * @param calendar the trading calendar of the symbols' venue: quotes only during its full regular sessions
 */
public record SimulatorSpec(
    List<String> symbols,
    LocalDate startDate,
    int tradingDays,
    int quotesPerMinute,
    long seed,
    double imbalanceEffect,
    FaultRates faults,
    TradingCalendar calendar)
    implements Serializable {

  public static final int DEFAULT_QUOTES_PER_MINUTE = 60;
  /** A symbol the simulator can trade: the shape of the default validation rules' {@code symbols.pattern}. */
  private static final Pattern SYMBOL = Pattern.compile("^[A-Z][A-Z0-9.\\-]{0,14}$");
  public static final long DEFAULT_SEED = 42L;
  public static final double DEFAULT_IMBALANCE_EFFECT = 1.0;
  public static final double DEFAULT_FAULT_RATE = 0.002;

  public SimulatorSpec {
    Objects.requireNonNull(symbols, "symbols");
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("symbols must not be empty");
    }
    Set<String> seen = new HashSet<>();
    for (String symbol : symbols) {
      // what a record can carry; whether the symbol is known is the validation rules' business, downstream
      if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
        throw new IllegalArgumentException("symbol must match " + SYMBOL.pattern() + ", got '" + symbol + "'");
      }
      if (!seen.add(symbol)) {
        throw new IllegalArgumentException("symbols must be distinct, got '" + symbol + "' twice");
      }
    }
    symbols = List.copyOf(symbols);
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(calendar, "calendar");
    if (tradingDays < 1 || tradingDays > 10_000) {
      throw new IllegalArgumentException("tradingDays must be in [1, 10000], got " + tradingDays);
    }
    if (quotesPerMinute < 1 || quotesPerMinute > 6_000) {
      throw new IllegalArgumentException("quotesPerMinute must be in [1, 6000], got " + quotesPerMinute);
    }
    if (!(imbalanceEffect >= 0 && imbalanceEffect <= 1)) {
      throw new IllegalArgumentException("imbalanceEffect must be in [0, 1], got " + imbalanceEffect);
    }
    Objects.requireNonNull(faults, "faults");
    if (faults.silenceRate() > 0 && faults.silenceMinutes() > calendar.regularMinutes() - 60) {
      throw new IllegalArgumentException("silenceMinutes must leave half an hour after the open and before the close ("
          + (calendar.regularMinutes() - 60) + " minutes at most in this session), got " + faults.silenceMinutes());
    }
  }

  /**
   * Settings with {@code faultRate} spread evenly over the fault kinds ({@link FaultRates#uniform}).
   *
   * @param faultRate probability that a record is corrupted, range [0, 1]
   */
  public SimulatorSpec(List<String> symbols, LocalDate startDate, int tradingDays, int quotesPerMinute, long seed,
      double imbalanceEffect, double faultRate, TradingCalendar calendar) {
    this(symbols, startDate, tradingDays, quotesPerMinute, seed, imbalanceEffect, FaultRates.uniform(faultRate),
        calendar);
  }

  /** The symbols' calendar in the built-in reference, default quotes per minute, seed, effect and fault rate. */
  public static SimulatorSpec defaults(List<String> symbols, LocalDate startDate, int tradingDays) {
    return new SimulatorSpec(symbols, startDate, tradingDays, DEFAULT_QUOTES_PER_MINUTE, DEFAULT_SEED,
        DEFAULT_IMBALANCE_EFFECT, DEFAULT_FAULT_RATE, calendarOf(symbols, InstrumentReference.builtIn()));
  }

  /**
   * The one trading calendar the symbols share in a reference (the simulator runs one market).
   *
   * @throws IllegalArgumentException when they resolve to different calendars
   */
  public static TradingCalendar calendarOf(List<String> symbols, InstrumentReference instruments) {
    TradingCalendar calendar = instruments.calendar(symbols.get(0));
    for (String symbol : symbols) {
      if (!instruments.calendar(symbol).equals(calendar)) {
        throw new IllegalArgumentException("the simulator runs one market: " + symbols.get(0) + " trades on calendar "
            + calendar.name() + ", " + symbol + " on " + instruments.calendar(symbol).name());
      }
    }
    return calendar;
  }

  public SimulatorSpec withQuotesPerMinute(int value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, value, seed, imbalanceEffect, faults, calendar);
  }

  public SimulatorSpec withSeed(long value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, quotesPerMinute, value, imbalanceEffect, faults, calendar);
  }

  public SimulatorSpec withImbalanceEffect(double value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, quotesPerMinute, seed, value, faults, calendar);
  }

  /** These settings with {@code value} spread evenly over the fault kinds, without silences. */
  public SimulatorSpec withFaultRate(double value) {
    return withFaults(FaultRates.uniform(value));
  }

  public SimulatorSpec withFaults(FaultRates value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, quotesPerMinute, seed, imbalanceEffect, value, calendar);
  }

  /** Probability that a record carries a fault, all kinds together. */
  public double faultRate() {
    return faults.total();
  }

  /** The simulated trading dates, in order: the calendar's trading days with a full session. */
  public List<LocalDate> tradingDates() {
    List<LocalDate> dates = new ArrayList<>(tradingDays);
    LocalDate date = startDate;
    while (dates.size() < tradingDays) {
      date = calendar.nextTradingDay(date);
      if (!calendar.closesEarly(date)) {
        dates.add(date);
      }
      date = date.plusDays(1);
    }
    return dates;
  }

  /**
   * Records the simulation produces: symbols × trading days × session minutes × quotes per minute, less the quotes of
   * silent symbols.
   */
  public long totalRecords() {
    long all = Math.multiplyExact(
        Math.multiplyExact((long) symbols.size() * tradingDays, (long) calendar.regularMinutes()), quotesPerMinute);
    return all - (long) Silences.of(this).silentMinutes() * quotesPerMinute;
  }

  /** A one-line description for progress output. */
  public String describe() {
    return String.format(Locale.ROOT,
        "%d symbol%s × %d trading day%s from %s × %d quotes/minute (%,d records, seed %d, "
            + "imbalance effect %.2f, faults %s)", symbols.size(), symbols.size() == 1 ? "" : "s", tradingDays,
        tradingDays == 1 ? "" : "s", tradingDates().get(0), quotesPerMinute, totalRecords(), seed, imbalanceEffect,
        faults.describe());
  }
}
