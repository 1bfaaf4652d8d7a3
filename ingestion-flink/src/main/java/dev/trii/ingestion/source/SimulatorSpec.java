package dev.trii.ingestion.source;

import dev.trii.core.market.TradingSession;
import dev.trii.ingestion.validation.IngestionRules;
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
 * @param tradingDays number of trading days (weekdays) to simulate, 1 to 10,000
 * @param quotesPerMinute quotes per symbol per session minute, 1 to 6,000
 * @param seed seed of every random draw: the same settings always produce the same records
 * @param trendStrength stationary standard deviation of the latent drift, in units of the per-minute volatility;
 *     default 1 (learnable momentum), 0 gives a pure random walk; range [0, 10]
 * @param faults how often each kind of fault is injected, and silent symbols ({@link FaultRates}); by default
 *     {@link FaultRates#uniform} at 0.002
 * @param session trading session: quotes only while it is open, on weekdays
 */
public record SimulatorSpec(
    List<String> symbols,
    LocalDate startDate,
    int tradingDays,
    int quotesPerMinute,
    long seed,
    double trendStrength,
    FaultRates faults,
    TradingSession session)
    implements Serializable {

  public static final int DEFAULT_QUOTES_PER_MINUTE = 60;
  public static final long DEFAULT_SEED = 42L;
  public static final double DEFAULT_TREND_STRENGTH = 1.0;
  public static final double DEFAULT_FAULT_RATE = 0.002;

  public SimulatorSpec {
    Objects.requireNonNull(symbols, "symbols");
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("symbols must not be empty");
    }
    Pattern pattern = IngestionRules.defaults().symbolPattern();
    Set<String> seen = new HashSet<>();
    for (String symbol : symbols) {
      if (symbol == null || !pattern.matcher(symbol).matches()) {
        throw new IllegalArgumentException("symbol must match " + pattern.pattern() + ", got '" + symbol + "'");
      }
      if (!seen.add(symbol)) {
        throw new IllegalArgumentException("symbols must be distinct, got '" + symbol + "' twice");
      }
    }
    symbols = List.copyOf(symbols);
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(session, "session");
    if (tradingDays < 1 || tradingDays > 10_000) {
      throw new IllegalArgumentException("tradingDays must be in [1, 10000], got " + tradingDays);
    }
    if (quotesPerMinute < 1 || quotesPerMinute > 6_000) {
      throw new IllegalArgumentException("quotesPerMinute must be in [1, 6000], got " + quotesPerMinute);
    }
    if (!(trendStrength >= 0 && trendStrength <= 10)) {
      throw new IllegalArgumentException("trendStrength must be in [0, 10], got " + trendStrength);
    }
    Objects.requireNonNull(faults, "faults");
    if (session.minutesPerSession() < 1) {
      throw new IllegalArgumentException("session must last at least one minute, got " + session.open() + " to "
          + session.close());
    }
    if (faults.silenceRate() > 0 && faults.silenceMinutes() > session.minutesPerSession() - 60) {
      throw new IllegalArgumentException("silenceMinutes must leave half an hour after the open and before the close ("
          + (session.minutesPerSession() - 60) + " minutes at most in this session), got " + faults.silenceMinutes());
    }
  }

  /**
   * Settings with {@code faultRate} spread evenly over the fault kinds ({@link FaultRates#uniform}).
   *
   * @param faultRate probability that a record is corrupted, range [0, 1]
   */
  public SimulatorSpec(List<String> symbols, LocalDate startDate, int tradingDays, int quotesPerMinute, long seed,
      double trendStrength, double faultRate, TradingSession session) {
    this(symbols, startDate, tradingDays, quotesPerMinute, seed, trendStrength, FaultRates.uniform(faultRate),
        session);
  }

  /** US equities session, default quotes per minute, seed, trend strength and fault rate. */
  public static SimulatorSpec defaults(List<String> symbols, LocalDate startDate, int tradingDays) {
    return new SimulatorSpec(symbols, startDate, tradingDays, DEFAULT_QUOTES_PER_MINUTE, DEFAULT_SEED,
        DEFAULT_TREND_STRENGTH, DEFAULT_FAULT_RATE, TradingSession.US_EQUITIES);
  }

  public SimulatorSpec withQuotesPerMinute(int value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, value, seed, trendStrength, faults, session);
  }

  public SimulatorSpec withSeed(long value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, quotesPerMinute, value, trendStrength, faults, session);
  }

  public SimulatorSpec withTrendStrength(double value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, quotesPerMinute, seed, value, faults, session);
  }

  /** These settings with {@code value} spread evenly over the fault kinds, without silences. */
  public SimulatorSpec withFaultRate(double value) {
    return withFaults(FaultRates.uniform(value));
  }

  public SimulatorSpec withFaults(FaultRates value) {
    return new SimulatorSpec(symbols, startDate, tradingDays, quotesPerMinute, seed, trendStrength, value, session);
  }

  /** Probability that a record carries a fault, all kinds together. */
  public double faultRate() {
    return faults.total();
  }

  /** The simulated trading dates, in order. */
  public List<LocalDate> tradingDates() {
    List<LocalDate> dates = new ArrayList<>(tradingDays);
    LocalDate date = session.nextTradingDay(startDate);
    while (dates.size() < tradingDays) {
      dates.add(date);
      date = session.nextTradingDay(date.plusDays(1));
    }
    return dates;
  }

  /**
   * Records the simulation produces: symbols × trading days × session minutes × quotes per minute, less the quotes of
   * silent symbols.
   */
  public long totalRecords() {
    long all = Math.multiplyExact(
        Math.multiplyExact((long) symbols.size() * tradingDays, (long) session.minutesPerSession()), quotesPerMinute);
    return all - (long) Silences.of(this).silentMinutes() * quotesPerMinute;
  }

  /** A one-line description for progress output. */
  public String describe() {
    return String.format(Locale.ROOT,
        "%d symbol%s × %d trading day%s from %s × %d quotes/minute (%,d records, seed %d, "
            + "trend %.2f, faults %s)", symbols.size(), symbols.size() == 1 ? "" : "s", tradingDays,
        tradingDays == 1 ? "" : "s", tradingDates().get(0), quotesPerMinute, totalRecords(), seed, trendStrength,
        faults.describe());
  }
}
