package dev.trii.training.testing;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of realistic 1-minute bars with learnable structure, the same structure the market
 * simulator in ingestion-flink uses: per symbol a latent drift that follows an AR(1) (discrete
 * Ornstein-Uhlenbeck) process at minute granularity, plus noise. With per-minute volatility σ, the drift has a
 * half-life of {@code halfLifeMinutes} and a stationary standard deviation of {@code trendStrength × σ}; each
 * minute's log return is {@code drift + σ·ε}, walked in four sub-steps for the bar's open, high, low and close.
 * {@code trendStrength = 0} gives a pure random walk, with nothing to learn.
 *
 * <p>Defaults: 7 bps per-minute volatility, 25-minute half-life, trend strength 1, full 390-minute sessions on
 * weekdays from 2024-03-04 (New York), seed 7.
 */
public final class SyntheticBars {

  private static final int SUB_STEPS = 4;

  private final List<String> symbols;
  private final LocalDate firstDate;
  private final int sessions;
  private final double trendStrength;
  private final double halfLifeMinutes;
  private final double volatilityBps;
  private final long seed;
  private final TradingCalendar session;

  private SyntheticBars(List<String> symbols, LocalDate firstDate, int sessions, double trendStrength,
      double halfLifeMinutes, double volatilityBps, long seed, TradingCalendar session) {
    if (symbols.isEmpty() || sessions < 1) {
      throw new IllegalArgumentException("need at least one symbol and one session");
    }
    if (trendStrength < 0 || halfLifeMinutes <= 0 || volatilityBps <= 0) {
      throw new IllegalArgumentException("trend strength >= 0, half-life > 0 and volatility > 0 required");
    }
    this.symbols = List.copyOf(symbols);
    this.firstDate = firstDate;
    this.sessions = sessions;
    this.trendStrength = trendStrength;
    this.halfLifeMinutes = halfLifeMinutes;
    this.volatilityBps = volatilityBps;
    this.seed = seed;
    this.session = session;
  }

  /** Trending bars (trend strength 1) for the given symbols and number of sessions. */
  public static SyntheticBars trending(int sessions, String... symbols) {
    return new SyntheticBars(List.of(symbols), LocalDate.of(2024, 3, 4), sessions, 1.0, 25, 7, 7,
        InstrumentReference.builtIn().calendarNamed("us-equities"));
  }

  /** A pure random walk (trend strength 0) for the given symbols and number of sessions. */
  public static SyntheticBars randomWalk(int sessions, String... symbols) {
    return trending(sessions, symbols).withTrendStrength(0);
  }

  public SyntheticBars withTrendStrength(double strength) {
    return new SyntheticBars(symbols, firstDate, sessions, strength, halfLifeMinutes, volatilityBps, seed, session);
  }

  /** The same generator starting on another date (moved to the next weekday when it falls on a weekend). */
  public SyntheticBars startingOn(LocalDate date) {
    return new SyntheticBars(symbols, date, sessions, trendStrength, halfLifeMinutes, volatilityBps, seed, session);
  }

  /** The trading dates the bars cover. */
  public List<LocalDate> dates() {
    List<LocalDate> dates = new ArrayList<>();
    LocalDate date = session.nextTradingDay(firstDate);
    for (int s = 0; s < sessions; s++) {
      dates.add(date);
      date = session.nextTradingDay(date.plusDays(1));
    }
    return dates;
  }

  /** Every bar, session by session, each session's bars grouped by symbol and in time order. */
  public List<List<Bar>> sessionsBars() {
    List<List<Bar>> all = new ArrayList<>();
    List<LocalDate> dates = dates();
    for (int s = 0; s < symbols.size(); s++) {
      Random random = new Random(seed * 1_000_003L + s);
      double price = 50.0 + 75.0 * s;
      for (LocalDate date : dates) {
        List<Bar> bars = session(symbols.get(s), date, price, random);
        all.add(bars);
        price = bars.get(bars.size() - 1).close() * Math.exp(0.002 * random.nextGaussian()); // overnight gap
      }
    }
    return all;
  }

  /** All bars in one list. */
  public List<Bar> bars() {
    return sessionsBars().stream().flatMap(List::stream).toList();
  }

  private List<Bar> session(String symbol, LocalDate date, double openPrice, Random random) {
    double sigma = volatilityBps / 1e4;
    double phi = Math.pow(0.5, 1.0 / halfLifeMinutes);
    double driftSd = trendStrength * sigma;
    double innovationSd = driftSd * Math.sqrt(1 - phi * phi);
    double drift = driftSd * random.nextGaussian();
    double subSigma = sigma / Math.sqrt(SUB_STEPS);
    long open = session.openOf(date);
    int minutes = session.regularMinutes();
    List<Bar> bars = new ArrayList<>(minutes);
    double price = openPrice;
    for (int m = 0; m < minutes; m++) {
      drift = phi * drift + innovationSd * random.nextGaussian();
      double barOpen = price;
      double high = barOpen;
      double low = barOpen;
      double sum = 0;
      for (int k = 0; k < SUB_STEPS; k++) {
        price *= Math.exp(drift / SUB_STEPS + subSigma * random.nextGaussian());
        high = Math.max(high, price);
        low = Math.min(low, price);
        sum += price;
      }
      double wiggle = barOpen * sigma * 0.1;
      high += wiggle * Math.abs(random.nextGaussian());
      low -= wiggle * Math.abs(random.nextGaussian());
      long volume = Math.max(100, Math.round(5_000 * Math.exp(0.5 * random.nextGaussian())));
      double vwap = Math.min(high, Math.max(low, sum / SUB_STEPS));
      int quotes = 40 + random.nextInt(80);
      double spread = price * (1.0 + 0.5 * random.nextDouble()) / 1e4;
      bars.add(new Bar(symbol, open + m * Bar.MINUTE_MILLIS, barOpen, high, low, price, volume, vwap, quotes,
          spread));
    }
    return bars;
  }
}
