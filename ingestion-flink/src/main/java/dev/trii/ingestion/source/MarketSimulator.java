package dev.trii.ingestion.source;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic, seeded market of top-of-book quotes that looks like a large-tick stock market: prices move one
 * tick at a time, returns are not autocorrelated, and the only predictability is the documented microstructure
 * effect of queue imbalance.
 *
 * <h2>Price process (per symbol)</h2>
 *
 * <ul>
 *   <li><b>Large ticks.</b> Start prices are drawn per symbol between ${@value #MIN_START_PRICE} and
 *       ${@value #MAX_START_PRICE} (log-uniform), so the one-cent tick is 6–11 basis points, and the spread is one
 *       tick (one quote in a thousand is locked, bid = ask).
 *   <li><b>Mid moves.</b> The mid moves by one tick at the events of a Poisson process of rate
 *       {@value #MOVES_PER_MINUTE_CALM} per minute in the calm regime and {@value #MOVES_PER_MINUTE_VOLATILE} in the
 *       volatile one (each minute the regime switches from calm to volatile with probability 1/120 and back with
 *       1/60: a third of the time volatile). The open-to-close standard deviation of a day is then 1.3–2.5 % (about
 *       √(390 × 1.1) ≈ 21 ticks), and at each day's open the mid gaps by a normal move of
 *       {@value #OVERNIGHT_GAP_SD} (40 bps).
 *   <li><b>Queue imbalance.</b> The book carries a latent queue imbalance I in [-1, 1] (bid queue against ask queue),
 *       drawn afresh after every mid move (sign even, |I| with density 2|I|). A move is up with probability
 *       {@code (1 + imbalanceEffect × I) / 2}: the bigger queue is the one less likely to be depleted first, which is
 *       how queue imbalance predicts the direction of the next mid-price move in real limit order books (Gould &amp;
 *       Bonart, "Queue imbalance as a one-tick-ahead price predictor in a limit order book", 2016). Every quote shows
 *       I through its sizes: depth D round lots (4 + geometric, about 12 on average) split as {@code D(1 + I)/2} at
 *       the bid and {@code D(1 - I)/2} at the ask, each with a little noise.
 * </ul>
 *
 * <p>Because I is drawn afresh after each move, successive moves are independent: 1-minute returns have no
 * autocorrelation (|ρ| &lt; 0.05 over five symbols × five days) and the past path says nothing about the future. What
 * is predictable is only the next move from the book: with {@code imbalanceEffect = 1} the sign of the imbalance of a
 * minute's last quote agrees with the direction of the next minute's mid change (when it changes) about 80 % of the
 * time. With {@code imbalanceEffect = 0} the sizes are uninformative, the mid is a pure random walk, and the agreement
 * is 50 %: the negative control a training gate must refuse.
 *
 * <h2>Quotes</h2>
 *
 * <p>Each symbol gets {@code quotesPerMinute} quotes per session minute (unless silent), one in each equal slot of
 * the minute at a random offset, only during the full regular sessions of its calendar; event time runs as fast as
 * the consumer reads. Records are ordered minute by minute, and inside a minute slot by slot, symbols interleaved.
 * Each quote shows the book at its time: the bid and ask after the last mid move before it, with the sizes of the
 * imbalance then. Between two quotes a trade happens with probability 0.2 at mid-day, up to about 0.6 just after the
 * open and 0.5 just before the close; its price ({@code last}) is the bid or the ask and its size ({@code volume}) a
 * round lot count that is also larger near the open and the close. Without a trade {@code last} is null and
 * {@code volume} 0.
 *
 * <h2>Faults</h2>
 *
 * <p>Each record carries at most one {@link SimulatedFault}, each kind with its own probability ({@link FaultRates}):
 * crossed, non-positive, non-finite prices, negative sizes, malformed JSON, a missing field, an invalid or unknown
 * symbol, a wide spread, a price spike, a duplicate, an out-of-order, late, future or stale event time. Kinds whose
 * outcome depends on what came before are injected only where that outcome is certain (a duplicate only of a clean
 * quote of the same minute, a spike only after 20 quotes of the symbol that session, event-time faults only after the
 * symbol's first session minute); elsewhere the record stays clean. Symbols also go silent ({@link Silences}): their
 * quotes for a span of minutes are simply not produced. The fault draws come from their own random stream: the
 * rates do not change the market.
 *
 * <h2>Determinism</h2>
 *
 * <p>Every random draw comes from a generator seeded by (seed, symbol, minute, purpose), so each record is a pure
 * function of the settings and its index. Reading in order costs O(1) per record; {@link #record(long)} at any other
 * index locates its minute (binary search) and fast-forwards the minute-level state (a few draws per symbol and
 * minute), which is what a restored or re-split Flink source needs. A symbol's path does not depend on which other
 * symbols are simulated.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class MarketSimulator {

  public static final double MOVES_PER_MINUTE_CALM = 0.9;
  public static final double MOVES_PER_MINUTE_VOLATILE = 1.6;
  public static final double OVERNIGHT_GAP_SD = 0.004;

  static final double P_CALM_TO_VOLATILE = 1.0 / 120;
  static final double P_VOLATILE_TO_CALM = 1.0 / 60;
  static final double LOCKED_RATE = 0.001;
  static final double TRADE_PROBABILITY = 0.2;
  static final double MIN_START_PRICE = 9;
  static final double MAX_START_PRICE = 16;
  /** Mid moves of one symbol in one minute beyond this are not drawn (Poisson(1.6) exceeds it once in 10^13). */
  static final int MAX_MOVES_PER_MINUTE = 24;

  private static final long MINUTE_MILLIS = Bar.MINUTE_MILLIS;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long WEEK_MILLIS = 7 * DAY_MILLIS;
  private static final long STREAM_INIT = 1;
  private static final long STREAM_PRICE = 2;
  private static final long STREAM_TICKS = 3;
  private static final long STREAM_FAULTS = 4;
  /** Quotes of the symbol that session before a spike may be injected (the spike rule needs a baseline). */
  static final int SPIKE_WARM_UP_QUOTES = 20;

  private final SimulatorSpec spec;
  private final String[] symbols;
  private final long[] symbolKeys;
  private final LocalDate[] dates;
  private final long[] openMillis;
  private final int minutesPerDay;
  private final int quotesPerMinute;
  private final long totalRecords;
  private final Silences silences;
  /** Index of the first record of each trading day, and the total at the end. */
  private final long[] dayStart;
  private final SimulatedFault[] faultKinds;
  private final double[] faultCumulative;
  private final double faultTotal;
  /** Largest backwards shift of an out-of-order quote: it stays within the default allowed lateness. */
  private final long maxOutOfOrderShift;

  // minute-level state at the end of minute `minute` (before the first minute: the initial state)
  private int minute;
  /** Bid in cents; the ask is one tick above. */
  private final long[] bidCents;
  /** The book's latent queue imbalance, in [-1, 1]. */
  private final double[] imbalance;
  private final boolean[] volatileRegime;
  /** Direction of each symbol's latest mid move (a price spike goes that way). */
  private final boolean[] lastMoveUp;
  // the mid moves of the minute being rendered, per symbol: when (fraction of the minute), and the book after it
  private final int[] moves;
  private final double[][] moveTimes;
  private final long[][] bidAfterMove;
  private final double[][] imbalanceAfterMove;
  // the rendered records of minute `renderedMinute`, indexes [currentFirst, currentFirst + currentCount)
  private final SimulatedRecord[] current;
  private int renderedMinute = -1;
  private long currentFirst = -1;
  private int currentCount;
  private final int[] active;
  // the date part of the last timestamp written
  private long cachedDay = Long.MIN_VALUE;
  private String cachedDayPrefix;

  public MarketSimulator(SimulatorSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.symbols = spec.symbols().toArray(new String[0]);
    this.symbolKeys = new long[symbols.length];
    for (int s = 0; s < symbols.length; s++) {
      symbolKeys[s] = fnv64(symbols[s]);
    }
    List<LocalDate> tradingDates = spec.tradingDates();
    this.dates = tradingDates.toArray(new LocalDate[0]);
    this.openMillis = new long[dates.length];
    for (int d = 0; d < dates.length; d++) {
      openMillis[d] = spec.calendar().openOf(dates[d]);
    }
    this.minutesPerDay = spec.calendar().regularMinutes();
    this.quotesPerMinute = spec.quotesPerMinute();
    this.silences = Silences.of(spec);
    this.dayStart = new long[dates.length + 1];
    for (int d = 0; d < dates.length; d++) {
      dayStart[d + 1] = dayStart[d] + recordsBefore(d, minutesPerDay);
    }
    this.totalRecords = dayStart[dates.length];
    if (totalRecords != spec.totalRecords()) {
      throw new IllegalStateException("record count mismatch: " + totalRecords + " vs " + spec.totalRecords());
    }
    Map<SimulatedFault, Double> rates = spec.faults().rates();
    this.faultKinds = rates.keySet().stream().sorted().toArray(SimulatedFault[]::new);
    this.faultCumulative = new double[faultKinds.length];
    double sum = 0;
    for (int i = 0; i < faultKinds.length; i++) {
      sum += rates.get(faultKinds[i]);
      faultCumulative[i] = sum;
    }
    this.faultTotal = sum;
    long slotMillis = MINUTE_MILLIS / quotesPerMinute;
    this.maxOutOfOrderShift = Math.max(1_000, Math.min(40_000, 55_000 - slotMillis));
    this.bidCents = new long[symbols.length];
    this.imbalance = new double[symbols.length];
    this.volatileRegime = new boolean[symbols.length];
    this.lastMoveUp = new boolean[symbols.length];
    this.moves = new int[symbols.length];
    this.moveTimes = new double[symbols.length][MAX_MOVES_PER_MINUTE];
    this.bidAfterMove = new long[symbols.length][MAX_MOVES_PER_MINUTE];
    this.imbalanceAfterMove = new double[symbols.length][MAX_MOVES_PER_MINUTE];
    this.current = new SimulatedRecord[Math.multiplyExact(symbols.length, quotesPerMinute)];
    this.active = new int[symbols.length];
    reset();
  }

  /** Number of records in the whole simulation. */
  public long totalRecords() {
    return totalRecords;
  }

  /**
   * Index of the first record of a trading day (0 for the first); {@link #totalRecords()} for the day after the last.
   */
  public long firstRecordOfDay(int day) {
    if (day < 0 || day > dates.length) {
      throw new IndexOutOfBoundsException("day must be in [0, " + dates.length + "], got " + day);
    }
    return dayStart[day];
  }

  /** The silent symbols of this simulation. */
  public Silences silences() {
    return silences;
  }

  /** The record at an index; a pure function of the settings and the index. */
  public SimulatedRecord record(long index) {
    if (index < 0 || index >= totalRecords) {
      throw new IndexOutOfBoundsException("record index must be in [0, " + totalRecords + "), got " + index);
    }
    if (index < currentFirst || index >= currentFirst + currentCount) {
      seek(minuteOf(index));
    }
    return current[(int) (index - currentFirst)];
  }

  /** Records of the day before a minute of it (all symbols, less silent ones). */
  private long recordsBefore(int day, int minuteOfDay) {
    long silent = 0;
    if (silences.any()) {
      for (int s = 0; s < symbols.length; s++) {
        silent += silences.silentBefore(day, s, minuteOfDay);
      }
    }
    return ((long) minuteOfDay * symbols.length - silent) * quotesPerMinute;
  }

  /** The global minute holding a record index. */
  private int minuteOf(long index) {
    int day = Arrays.binarySearch(dayStart, index);
    day = day >= 0 ? day : -day - 2;
    while (dayStart[day + 1] == index) {
      day++;
    }
    long offset = index - dayStart[day];
    int low = 0;
    int high = minutesPerDay - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (recordsBefore(day, mid) <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return day * minutesPerDay + low;
  }

  private void seek(int target) {
    if (target <= minute) {
      reset();
    }
    while (minute < target - 1) {
      advance(false);
    }
    advance(true);
  }

  private void reset() {
    minute = -1;
    renderedMinute = -1;
    currentFirst = -1;
    currentCount = 0;
    for (int s = 0; s < symbols.length; s++) {
      SplittableRandom random = random(s, -1, STREAM_INIT);
      double start = MIN_START_PRICE * Math.exp(random.nextDouble() * Math.log(MAX_START_PRICE / MIN_START_PRICE));
      bidCents[s] = Math.round(start * 100);
      imbalance[s] = drawImbalance(random);
      volatileRegime[s] = false;
      lastMoveUp[s] = random.nextBoolean();
    }
  }

  /** Moves the minute-level state one minute on; renders that minute's quotes when asked. */
  private void advance(boolean render) {
    int m = minute + 1;
    int day = m / minutesPerDay;
    int minuteOfDay = m % minutesPerDay;
    int activeCount = 0;
    if (render) {
      for (int s = 0; s < symbols.length; s++) {
        if (!silences.any() || !silences.silent(day, s, minuteOfDay)) {
          active[activeCount++] = s;
        }
      }
      currentFirst = dayStart[day] + recordsBefore(day, minuteOfDay);
      currentCount = activeCount * quotesPerMinute;
      renderedMinute = m;
    }
    int position = 0;
    for (int s = 0; s < symbols.length; s++) {
      SplittableRandom random = random(s, m, STREAM_PRICE);
      double u = random.nextDouble();
      volatileRegime[s] = volatileRegime[s] ? u >= P_VOLATILE_TO_CALM : u < P_CALM_TO_VOLATILE;
      if (minuteOfDay == 0 && m > 0) {
        bidCents[s] = Math.max(1, bidCents[s] + Math.round(OVERNIGHT_GAP_SD * bidCents[s] * random.nextGaussian()));
      }
      // a Poisson number of one-tick mid moves at uniform times, each up with probability (1 + effect × I) / 2
      long startBid = bidCents[s];
      double startImbalance = imbalance[s];
      double rate = volatileRegime[s] ? MOVES_PER_MINUTE_VOLATILE : MOVES_PER_MINUTE_CALM;
      int count = poisson(random, rate);
      double time = 0;
      for (int k = 0; k < count; k++) {
        // the k-th of `count` uniform order statistics, drawn in increasing order
        time = 1 - (1 - time) * Math.pow(random.nextDouble(), 1.0 / (count - k));
        boolean up = random.nextDouble() < (1 + spec.imbalanceEffect() * imbalance[s]) / 2;
        bidCents[s] = Math.max(1, bidCents[s] + (up ? 1 : -1));
        lastMoveUp[s] = up;
        imbalance[s] = drawImbalance(random);
        moveTimes[s][k] = time;
        bidAfterMove[s][k] = bidCents[s];
        imbalanceAfterMove[s][k] = imbalance[s];
      }
      if (render && position < activeCount && active[position] == s) {
        moves[s] = count;
        renderMinute(s, position, activeCount, m, day, minuteOfDay, startBid, startImbalance);
        position++;
      }
    }
    minute = m;
  }

  /** A Poisson draw by inversion (small rates), at most {@link #MAX_MOVES_PER_MINUTE}. */
  private static int poisson(SplittableRandom random, double rate) {
    double u = random.nextDouble();
    double p = Math.exp(-rate);
    double cumulative = p;
    int k = 0;
    while (u > cumulative && k < MAX_MOVES_PER_MINUTE) {
      k++;
      p *= rate / k;
      cumulative += p;
    }
    return k;
  }

  /** A fresh queue imbalance: sign even, magnitude with density 2|I| on [0, 1]. */
  private static double drawImbalance(SplittableRandom random) {
    double magnitude = Math.sqrt(random.nextDouble());
    return random.nextBoolean() ? magnitude : -magnitude;
  }

  private void renderMinute(int s, int column, int activeCount, int m, int day, int minuteOfDay, long startBid,
      double startImbalance) {
    SplittableRandom ticks = random(s, m, STREAM_TICKS);
    SplittableRandom faults = random(s, m, STREAM_FAULTS);
    long minuteStart = openMillis[day] + minuteOfDay * MINUTE_MILLIS;
    boolean timeFaultsAllowed = minuteOfDay >= 1
        && (!silences.any() || !silences.silent(day, s, minuteOfDay - 1));
    int quotesThisSession = (minuteOfDay - silences.quotingSince(day, s, minuteOfDay)) * quotesPerMinute;
    int movesSeen = 0;
    SimulatedRecord before = null;
    for (int k = 0; k < quotesPerMinute; k++) {
      double t = (k + 0.05 + 0.9 * ticks.nextDouble()) / quotesPerMinute;
      // the book as the last mid move before this quote left it
      while (movesSeen < moves[s] && moveTimes[s][movesSeen] <= t) {
        movesSeen++;
      }
      long bidCents = movesSeen == 0 ? startBid : bidAfterMove[s][movesSeen - 1];
      double queueImbalance = movesSeen == 0 ? startImbalance : imbalanceAfterMove[s][movesSeen - 1];
      long askCents = ticks.nextDouble() < LOCKED_RATE ? bidCents : bidCents + 1;
      long depth = 4 + (long) Math.floor(-Math.log(1 - ticks.nextDouble()) * 8);
      long bidSize = 100 * Math.max(1, Math.round(depth * (1 + queueImbalance) / 2 + 0.5 * ticks.nextGaussian()));
      long askSize = 100 * Math.max(1, Math.round(depth * (1 - queueImbalance) / 2 + 0.5 * ticks.nextGaussian()));
      double activity = activity(minuteOfDay + t);
      boolean traded = ticks.nextDouble() < Math.min(0.95, TRADE_PROBABILITY * activity);
      boolean atAsk = ticks.nextBoolean();
      long tradeLots = lots(ticks, activity);
      long lastCents = traded ? (atAsk ? askCents : bidCents) : -1;
      long volume = traded ? 100 * tradeLots : 0;

      long eventTime = minuteStart + (long) (t * MINUTE_MILLIS);
      long seq = (long) minuteOfDay * quotesPerMinute + k + 1;
      String reference = "sim:" + symbols[s] + ":" + dates[day] + ":" + seq;
      double faultDraw = faults.nextDouble();
      double kindDraw = faults.nextDouble();
      double parameter = faults.nextDouble();
      SimulatedFault fault = faultDraw < faultTotal ? kind(kindDraw * faultTotal) : null;
      if (fault == SimulatedFault.PRICE_SPIKE) {
        // the bad print goes the way the price last moved, beyond the levels it just traded at (a print on such a
        // level is, rightly, no spike for the rule)
        parameter = (lastMoveUp[s] ? 0.5 : 0) + parameter / 2;
      }
      if (fault == SimulatedFault.DUPLICATE && (before == null || before.faulty())
          || fault != null && fault.movesEventTime() && !timeFaultsAllowed
          || fault == SimulatedFault.PRICE_SPIKE && quotesThisSession + k < SPIKE_WARM_UP_QUOTES) {
        fault = null;
      }
      int position = k * activeCount + column;
      Quote quote = new Quote(symbols[s], eventTime, seq, bidCents / 100.0, askCents / 100.0,
          BigDecimal.valueOf(bidSize), BigDecimal.valueOf(askSize), lastCents < 0 ? Double.NaN : lastCents / 100.0,
          BigDecimal.valueOf(volume), bidCents == askCents, SimulatedRecord.SOURCE, "");
      SimulatedRecord record;
      if (fault == SimulatedFault.DUPLICATE) {
        record = new SimulatedRecord(currentFirst + position, reference, quote, fault, before.payload(),
            before.sentEventTime());
      } else {
        long sentTime = sentEventTime(fault, eventTime, openMillis[day], parameter);
        record = new SimulatedRecord(currentFirst + position, reference, quote, fault, payload(symbols[s], sentTime,
            bidCents, askCents, bidSize, askSize, lastCents, volume, seq, fault, parameter), sentTime);
      }
      current[position] = record;
      before = record;
    }
  }

  private SimulatedFault kind(double draw) {
    for (int i = 0; i < faultKinds.length; i++) {
      if (draw < faultCumulative[i]) {
        return faultKinds[i];
      }
    }
    return faultKinds[faultKinds.length - 1];
  }

  /** The event time a record carries: moved by the event-time faults. */
  private long sentEventTime(SimulatedFault fault, long eventTime, long dayOpen, double parameter) {
    if (fault == null) {
      return eventTime;
    }
    return switch (fault) {
      case OUT_OF_ORDER -> Math.max(dayOpen, eventTime - (long) ((0.25 + 0.75 * parameter) * maxOutOfOrderShift));
      case LATE_EVENT -> eventTime - (4 * MINUTE_MILLIS + (long) (parameter * 26 * MINUTE_MILLIS));
      case FUTURE_TIMESTAMP -> eventTime + (1 + (long) (parameter * 52)) * WEEK_MILLIS;
      case STALE_TIMESTAMP -> eventTime - (2 * 3_600_000L + (long) (parameter * (1000 * DAY_MILLIS - 7_200_000L)));
      default -> eventTime;
    };
  }

  /** Trading activity relative to mid-day: about 3 just after the open, 2.5 just before the close. */
  private double activity(double minutesSinceOpen) {
    return 1 + 2.0 * Math.exp(-minutesSinceOpen / 20) + 1.5 * Math.exp(-(minutesPerDay - minutesSinceOpen) / 20);
  }

  /** A geometric number of round lots, at least 1, about 0.5 + 3.5 × scale on average. */
  private static long lots(SplittableRandom random, double scale) {
    return 1 + (long) Math.floor(-Math.log(1 - random.nextDouble()) * 3.5 * scale);
  }

  private String payload(String symbol, long eventTime, long bidCents, long askCents, long bidSize,
      long askSize, long lastCents, long volume, long seq, SimulatedFault fault, double parameter) {
    String missing = null;
    boolean nanBid = false;
    if (fault != null) {
      switch (fault) {
        case CROSSED_QUOTE -> bidCents = askCents + 1 + (long) (parameter * 3);
        case NON_POSITIVE_PRICE -> {
          if (parameter < 0.5) {
            bidCents = 0;
          } else {
            askCents = -askCents;
          }
        }
        case NON_FINITE_PRICE -> nanBid = true;
        case NEGATIVE_SIZE -> bidSize = -bidSize;
        case ZERO_SIZE_TRADE -> {
          lastCents = askCents;
          volume = 0;
        }
        case MISSING_FIELD -> missing = CsvLayout.REQUIRED.get((int) (parameter * CsvLayout.REQUIRED.size()));
        case INVALID_SYMBOL -> symbol = symbol.toLowerCase(Locale.ROOT);
        case UNKNOWN_SYMBOL -> symbol = symbol.substring(0, Math.min(symbol.length(), 13)) + ".X";
        case WIDE_SPREAD -> askCents = Math.round(bidCents * (1.08 + 0.12 * parameter));
        case PRICE_SPIKE -> {
          double move = 0.05 + 0.10 * ((parameter * 2) % 1);
          double factor = parameter < 0.5 ? 1 - move : 1 + move;
          bidCents = Math.max(1, Math.round(bidCents * factor));
          askCents = Math.max(bidCents, Math.round(askCents * factor));
        }
        default -> {
          // MALFORMED_JSON cuts the text below; event-time faults already moved the time
        }
      }
    }
    StringBuilder json = new StringBuilder(160).append('{');
    field(json, "symbol", missing).append('"').append(symbol).append('"');
    isoUtc(field(json, "ts", missing).append('"'), eventTime).append('"');
    if (nanBid) {
      field(json, "bid", missing).append("NaN");
    } else {
      cents(field(json, "bid", missing), bidCents);
    }
    cents(field(json, "ask", missing), askCents);
    field(json, "bid_size", missing).append(bidSize);
    field(json, "ask_size", missing).append(askSize);
    if (lastCents < 0) {
      field(json, "last", missing).append("null");
    } else {
      cents(field(json, "last", missing), lastCents);
    }
    field(json, "volume", missing).append(volume);
    field(json, "seq", missing).append(seq);
    json.append('}');
    if (fault == SimulatedFault.MALFORMED_JSON) {
      // any proper prefix of a JSON object is invalid JSON
      return json.substring(0, 1 + (int) (parameter * (json.length() - 2)));
    }
    return json.toString();
  }

  /** Appends the instant as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} ({@code Instant.toString}, always with millis). */
  private StringBuilder isoUtc(StringBuilder out, long epochMillis) {
    long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDayPrefix = LocalDate.ofEpochDay(day) + "T";
    }
    int millisOfDay = (int) Math.floorMod(epochMillis, DAY_MILLIS);
    out.append(cachedDayPrefix);
    twoDigits(out, millisOfDay / 3_600_000).append(':');
    twoDigits(out, millisOfDay / 60_000 % 60).append(':');
    twoDigits(out, millisOfDay / 1000 % 60).append('.');
    int millis = millisOfDay % 1000;
    return out.append(millis < 100 ? (millis < 10 ? "00" : "0") : "").append(millis).append('Z');
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    return out.append(value < 10 ? "0" : "").append(value);
  }

  /** Appends the field's name, or, for the missing field, starts a throw-away buffer so its value is dropped. */
  private static StringBuilder field(StringBuilder json, String name, String missing) {
    if (name.equals(missing)) {
      return new StringBuilder();
    }
    if (json.length() > 1) {
      json.append(',');
    }
    return json.append('"').append(name).append("\":");
  }

  private static void cents(StringBuilder json, long cents) {
    if (cents < 0) {
      json.append('-');
      cents = -cents;
    }
    long fraction = cents % 100;
    json.append(cents / 100).append('.').append(fraction < 10 ? "0" : "").append(fraction);
  }

  private SplittableRandom random(int symbol, long minuteIndex, long stream) {
    return random(spec.seed(), symbolKeys[symbol], minuteIndex, stream);
  }

  /** The generator of one (seed, symbol, minute, purpose): every draw of the simulation comes from one of these. */
  static SplittableRandom random(long seed, long symbolKey, long minuteIndex, long stream) {
    long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
    h = mix64(h ^ symbolKey);
    h = mix64(h + minuteIndex * 0xBF58476D1CE4E5B9L);
    return new SplittableRandom(mix64(h + stream));
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long fnv64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
