package dev.trii.training.testing;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of 1-minute bars of a large-tick market, the price process of the market simulator in
 * ingestion-flink rendered straight to bars: one-cent ticks on $9–$16 prices, one-tick mid moves at about one a
 * minute (no autocorrelation, days of about 2 %), each move up with probability {@code (1 + imbalanceEffect × I) / 2}
 * where I is the book's queue imbalance, redrawn after every move and shown in the bar's closing sizes and mean
 * imbalance. {@code imbalanceEffect = 1}: the queue-imbalance effect a model can learn; 0: uninformative sizes and a
 * pure random walk, nothing to learn (the negative control).
 *
 * <p>Full 390-minute sessions on weekdays from 2024-03-04 (New York), seed 7.
 */
public final class SyntheticBars {

  private static final double CALM_MOVES_PER_MINUTE = 0.9;
  private static final double VOLATILE_MOVES_PER_MINUTE = 1.6;
  private static final int QUOTES_PER_MINUTE = 20;

  private final List<String> symbols;
  private final LocalDate firstDate;
  private final int sessions;
  private final double imbalanceEffect;
  private final long seed;
  private final TradingCalendar session;

  private SyntheticBars(List<String> symbols, LocalDate firstDate, int sessions, double imbalanceEffect, long seed,
      TradingCalendar session) {
    if (symbols.isEmpty() || sessions < 1) {
      throw new IllegalArgumentException("need at least one symbol and one session");
    }
    if (!(imbalanceEffect >= 0 && imbalanceEffect <= 1)) {
      throw new IllegalArgumentException("imbalance effect must be in [0, 1], got " + imbalanceEffect);
    }
    this.symbols = List.copyOf(symbols);
    this.firstDate = firstDate;
    this.sessions = sessions;
    this.imbalanceEffect = imbalanceEffect;
    this.seed = seed;
    this.session = session;
  }

  /** A market with the queue-imbalance effect (effect 1) for the given symbols and number of sessions. */
  public static SyntheticBars market(int sessions, String... symbols) {
    return new SyntheticBars(List.of(symbols), LocalDate.of(2024, 3, 4), sessions, 1.0, 7,
        InstrumentReference.builtIn().calendarNamed("us-equities"));
  }

  /** The negative control: a pure random walk with uninformative sizes (effect 0). */
  public static SyntheticBars randomWalk(int sessions, String... symbols) {
    return market(sessions, symbols).withImbalanceEffect(0);
  }

  public SyntheticBars withImbalanceEffect(double effect) {
    return new SyntheticBars(symbols, firstDate, sessions, effect, seed, session);
  }

  /** The same generator starting on another date (moved to the next weekday when it falls on a weekend). */
  public SyntheticBars startingOn(LocalDate date) {
    return new SyntheticBars(symbols, date, sessions, imbalanceEffect, seed, session);
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
    for (int s = 0; s < symbols.size(); s++) {
      Book book = new Book(new SplittableRandom(seed * 1_000_003L + s), 900 + 700L * s / Math.max(1, symbols.size()));
      for (LocalDate date : dates()) {
        all.add(book.session(symbols.get(s), session.openOf(date), session.regularMinutes()));
        book.overnightGap();
      }
    }
    return all;
  }

  /** All bars in one list. */
  public List<Bar> bars() {
    return sessionsBars().stream().flatMap(List::stream).toList();
  }

  /** One symbol's top of book: bid in cents (the ask a tick above) and the latent queue imbalance. */
  private final class Book {

    private final SplittableRandom random;
    private long bid;
    private double imbalance;
    private boolean volatileRegime;

    Book(SplittableRandom random, long bid) {
      this.random = random;
      this.bid = bid;
      this.imbalance = drawImbalance();
    }

    List<Bar> session(String symbol, long open, int minutes) {
      List<Bar> bars = new ArrayList<>(minutes);
      for (int m = 0; m < minutes; m++) {
        bars.add(minute(symbol, open + m * Bar.MINUTE_MILLIS));
      }
      return bars;
    }

    void overnightGap() {
      bid = Math.max(100, bid + Math.round(0.004 * bid * random.nextGaussian()));
    }

    /** One minute: Poisson one-tick moves at uniform times, the book sampled at 20 quote times. */
    private Bar minute(String symbol, long barTime) {
      double u = random.nextDouble();
      volatileRegime = volatileRegime ? u >= 1.0 / 60 : u < 1.0 / 120;
      int moves = poisson(volatileRegime ? VOLATILE_MOVES_PER_MINUTE : CALM_MOVES_PER_MINUTE);
      double[] times = new double[moves];
      for (int k = 0; k < moves; k++) {
        times[k] = random.nextDouble();
      }
      java.util.Arrays.sort(times);
      double open = mid();
      double high = open;
      double low = open;
      double imbalanceSum = 0;
      long bidSize = 0;
      long askSize = 0;
      int next = 0;
      for (int q = 0; q < QUOTES_PER_MINUTE; q++) {
        double t = (q + 0.5) / QUOTES_PER_MINUTE;
        while (next < moves && times[next] <= t) {
          move();
          high = Math.max(high, mid());
          low = Math.min(low, mid());
          next++;
        }
        long depth = 4 + (long) Math.floor(-Math.log(1 - random.nextDouble()) * 8);
        bidSize = 100 * Math.max(1, Math.round(depth * (1 + imbalance) / 2 + 0.5 * random.nextGaussian()));
        askSize = 100 * Math.max(1, Math.round(depth * (1 - imbalance) / 2 + 0.5 * random.nextGaussian()));
        imbalanceSum += Bar.imbalance(bidSize, askSize);
      }
      for (; next < moves; next++) {
        move();
        high = Math.max(high, mid());
        low = Math.min(low, mid());
      }
      double close = mid();
      long volume = 100L * (1 + random.nextInt(60));
      double vwap = Math.min(high, Math.max(low, (open + close) / 2));
      return new Bar(symbol, barTime, open, high, low, close, volume, vwap, QUOTES_PER_MINUTE, 0.01, bidSize,
          askSize, imbalanceSum / QUOTES_PER_MINUTE);
    }

    /** One tick up with probability (1 + effect × I) / 2, else down; then a fresh imbalance. */
    private void move() {
      boolean up = random.nextDouble() < (1 + imbalanceEffect * imbalance) / 2;
      bid = Math.max(1, bid + (up ? 1 : -1));
      imbalance = drawImbalance();
    }

    private double mid() {
      return (bid + 0.5) / 100.0;
    }

    private int poisson(double rate) {
      double u = random.nextDouble();
      double p = Math.exp(-rate);
      double cumulative = p;
      int k = 0;
      while (u > cumulative && k < 24) {
        k++;
        p *= rate / k;
        cumulative += p;
      }
      return k;
    }

    private double drawImbalance() {
      double magnitude = Math.sqrt(random.nextDouble());
      return random.nextBoolean() ? magnitude : -magnitude;
    }
  }
}
