package dev.trii.core.features;

import dev.trii.core.digest.Sha256;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A content-addressed feature set: the ordered features computed for each 1-minute bar and the label that looks
 * forward from it. This is the only implementation of the feature calculation; the training set and the scoring
 * API both call it, so serving-time features equal training-time features for the same bars.
 *
 * <p><b>v2</b>: every feature of a bar reads only bars of the same symbol and session in the hour up to and
 * including that bar ({@link #LOOKBACK_MINUTES}): returns, volatility, RSI, MACD, volume, spread, range, VWAP
 * deviation, quote count, minutes since the open, and the queue imbalance of the top of the book ({@code
 * (bid size - ask size) / (bid size + ask size)}) at the bar's last quote, averaged over the bar, and over the last
 * five bars. Sessions, trading dates and {@code minutes_since_open} come from the symbol's trading calendar in the
 * {@link InstrumentReference}. Missing values (not enough history, no sizes) are NaN, which XGBoost treats as missing.
 * The label is the direction of the log return from the bar's close to the close {@code horizonMinutes} later (v2's
 * default: 1 minute), null inside the dead zone ({@code |return| < deadZoneBps}) or when the session ends before the
 * horizon.
 *
 * <p><b>Content-addressed versions.</b> {@link #version()} is {@code v2-} followed by 12 hex digits of
 * {@link #definitionHash()}: the sha256 of the names, horizon, dead zone and look-back together with the features and
 * labels the code computes for a fixed reference session. Changing a formula, the horizon or the dead zone therefore
 * makes a new version on its own: its rows are stored apart ({@code feature_rows.feature_set}), training reads the
 * rows of one version only, and the scoring API refuses a model trained on another. The formulas use
 * {@link StrictMath}, so the hash is the same on every JVM.
 */
public final class FeatureSet {

  /** How far back a feature may look, in minutes. */
  public static final int LOOKBACK_MINUTES = 60;

  /** The feature names, in the order of the feature vector. */
  public static final List<String> NAMES = List.of(
      "ret_1m", "ret_5m", "ret_15m", "ret_30m",
      "vol_15m", "vol_30m",
      "rsi_14",
      "macd_bps", "macd_signal_bps", "macd_hist_bps",
      "volume_z_30m",
      "spread_bps",
      "range_bps_15m",
      "vwap_dev_bps",
      "quote_count",
      "minutes_since_open",
      "queue_imbalance",
      "queue_imbalance_mean_1m",
      "queue_imbalance_mean_5m");

  /** The name of this code's feature set; versions are this name and a hash of the definition. */
  public static final String NAME = "v2";

  private static final long MINUTE = Bar.MINUTE_MILLIS;
  /** The reference session's calendar does not depend on a configured instrument file. */
  private static final InstrumentReference REFERENCE_INSTRUMENTS = InstrumentReference.builtIn();

  private final int horizonMinutes;
  private final double deadZoneBps;
  private final InstrumentReference instruments;
  private final String definitionHash;

  public FeatureSet(int horizonMinutes, double deadZoneBps, InstrumentReference instruments) {
    if (horizonMinutes < 1 || horizonMinutes > 120) {
      throw new IllegalArgumentException("label horizon must be 1..120 minutes, got " + horizonMinutes);
    }
    if (!(deadZoneBps >= 0)) {
      throw new IllegalArgumentException("label dead zone must be >= 0 bps, got " + deadZoneBps);
    }
    this.horizonMinutes = horizonMinutes;
    this.deadZoneBps = deadZoneBps;
    this.instruments = Objects.requireNonNull(instruments, "instruments");
    this.definitionHash = Sha256.hex(definition().getBytes(StandardCharsets.UTF_8));
  }

  /** v2 with its defaults: 1-minute horizon, 1 bp dead zone, the built-in instrument reference. */
  public static FeatureSet v2() {
    return v2(InstrumentReference.builtIn());
  }

  /** v2 with its defaults over the given instrument reference. */
  public static FeatureSet v2(InstrumentReference instruments) {
    return new FeatureSet(1, 1.0, instruments);
  }

  /** {@code v2-<12 hex digits of the definition hash>}: the key of this definition's rows, models and metadata. */
  public String version() {
    return NAME + "-" + definitionHash.substring(0, 12);
  }

  /**
   * The sha256 of this feature set's definition: names, horizon, dead zone, look-back, and every feature and label
   * computed for the reference session (so a changed formula changes it).
   */
  public String definitionHash() {
    return definitionHash;
  }

  public List<String> names() {
    return NAMES;
  }

  public int horizonMinutes() {
    return horizonMinutes;
  }

  public double deadZoneBps() {
    return deadZoneBps;
  }

  /** The instrument reference the sessions come from. */
  public InstrumentReference instruments() {
    return instruments;
  }

  /** The trading calendar of a symbol: its sessions and trading dates. */
  public TradingCalendar calendar(String symbol) {
    return instruments.calendar(symbol);
  }

  /** Feature vector of the window's current bar. Reads nothing outside the window. */
  public double[] features(BarWindow window) {
    Bar now = window.current();
    long t = now.barTime();
    double[] f = new double[NAMES.size()];
    f[0] = logReturn(window.atOrBefore(t - MINUTE), now);
    f[1] = logReturn(window.atOrBefore(t - 5 * MINUTE), now);
    f[2] = logReturn(window.atOrBefore(t - 15 * MINUTE), now);
    f[3] = logReturn(window.atOrBefore(t - 30 * MINUTE), now);
    f[4] = realizedVolatility(window, t - 15 * MINUTE);
    f[5] = realizedVolatility(window, t - 30 * MINUTE);
    f[6] = rsi(window, 14);
    double[] macd = macdBps(window);
    f[7] = macd[0];
    f[8] = macd[1];
    f[9] = macd[0] - macd[1];
    f[10] = volumeZScore(window, t - 30 * MINUTE);
    f[11] = now.close() > 0 ? now.meanSpread() / now.close() * 1e4 : Double.NaN;
    f[12] = rangeBps(window, t - 15 * MINUTE);
    f[13] = Double.isNaN(now.vwap()) || now.vwap() <= 0 ? Double.NaN : (now.close() - now.vwap()) / now.vwap() * 1e4;
    f[14] = now.quoteCount();
    TradingCalendar calendar = instruments.calendar(now.symbol());
    f[15] = (t - calendar.openOf(calendar.tradingDate(t))) / (double) MINUTE;
    f[16] = now.closeImbalance();
    f[17] = now.meanImbalance();
    f[18] = meanImbalance(window, t - 5 * MINUTE);
    return f;
  }

  /** The features of the last bar of a session's bars: what the scoring API computes for a symbol. */
  public double[] latestFeatures(List<Bar> sessionBars) {
    return features(BarWindow.endingAt(sessionBars, sessionBars.size() - 1, LOOKBACK_MINUTES * MINUTE));
  }

  /**
   * Feature rows for every bar of one symbol's session, each with its forward label.
   *
   * @param sessionBars bars of one symbol and one trading session, in time order
   */
  public List<FeatureRow> computeSession(List<Bar> sessionBars) {
    List<FeatureRow> rows = new ArrayList<>(sessionBars.size());
    TradingCalendar calendar = sessionBars.isEmpty() ? null : instruments.calendar(sessionBars.get(0).symbol());
    for (int i = 0; i < sessionBars.size(); i++) {
      Bar bar = sessionBars.get(i);
      double[] features = features(BarWindow.endingAt(sessionBars, i, LOOKBACK_MINUTES * MINUTE));
      double forward = forwardReturn(sessionBars, i);
      rows.add(new FeatureRow(bar.symbol(), bar.barTime(), calendar.tradingDate(bar.barTime()), features,
          label(forward), forward));
    }
    return rows;
  }

  /**
   * Log return from bar {@code i} to the close {@code horizon} minutes later: what {@link #label} turns into the label
   * of the bar (training rows, and the realized outcome of a live prediction). NaN when the session's bars end first.
   *
   * @param sessionBars bars of one symbol and one trading session, in time order
   */
  public double forwardReturn(List<Bar> sessionBars, int i) {
    long target = sessionBars.get(i).barTime() + horizonMinutes * MINUTE;
    Bar last = sessionBars.get(sessionBars.size() - 1);
    if (last.barTime() < target) {
      return Double.NaN;
    }
    Bar forward = sessionBars.get(i);
    for (int j = i + 1; j < sessionBars.size() && sessionBars.get(j).barTime() <= target; j++) {
      forward = sessionBars.get(j);
    }
    return logReturn(sessionBars.get(i), forward);
  }

  /** 1 up, 0 down, null in the dead zone or unknown. */
  public Integer label(double forwardReturn) {
    if (Double.isNaN(forwardReturn) || Math.abs(forwardReturn) * 1e4 < deadZoneBps) {
      return null;
    }
    return forwardReturn > 0 ? 1 : 0;
  }

  private static double logReturn(Bar from, Bar to) {
    if (from == null || from == to || from.close() <= 0 || to.close() <= 0) {
      return Double.NaN;
    }
    return StrictMath.log(to.close() / from.close());
  }

  private static double realizedVolatility(BarWindow w, long since) {
    double sum = 0;
    int n = 0;
    for (int k = 1; k < w.size(); k++) {
      if (w.get(k).barTime() > since) {
        double r = StrictMath.log(w.get(k).close() / w.get(k - 1).close());
        sum += r * r;
        n++;
      }
    }
    return n < 2 ? Double.NaN : StrictMath.sqrt(sum);
  }

  private static double rsi(BarWindow w, int periods) {
    if (w.size() < periods + 1) {
      return Double.NaN;
    }
    double gain = 0;
    double loss = 0;
    for (int k = w.size() - periods; k < w.size(); k++) {
      double change = w.get(k).close() - w.get(k - 1).close();
      if (change > 0) {
        gain += change;
      } else {
        loss -= change;
      }
    }
    if (gain + loss == 0) {
      return 50.0;
    }
    return 100.0 * gain / (gain + loss);
  }

  /** MACD(12, 26, 9) of closes over the window, in basis points of the current close: {macd, signal}. */
  private static double[] macdBps(BarWindow w) {
    if (w.size() < 26) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double fast = w.get(0).close();
    double slow = fast;
    double signal = 0;
    double aFast = 2.0 / 13;
    double aSlow = 2.0 / 27;
    double aSignal = 2.0 / 10;
    for (int k = 0; k < w.size(); k++) {
      double close = w.get(k).close();
      fast += aFast * (close - fast);
      slow += aSlow * (close - slow);
      double macd = fast - slow;
      signal = k == 0 ? macd : signal + aSignal * (macd - signal);
    }
    double scale = 1e4 / w.current().close();
    return new double[] {(fast - slow) * scale, signal * scale};
  }

  private static double volumeZScore(BarWindow w, long since) {
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int k = 0; k < w.size(); k++) {
      if (w.get(k).barTime() > since) {
        double v = w.get(k).volume();
        sum += v;
        sumSq += v * v;
        n++;
      }
    }
    if (n < 5) {
      return Double.NaN;
    }
    double mean = sum / n;
    double variance = Math.max(0, sumSq / n - mean * mean);
    return variance == 0 ? 0.0 : (w.current().volume() - mean) / StrictMath.sqrt(variance);
  }

  /** Mean of the bars' mean queue imbalance since {@code since}; NaN when no bar there has one. */
  private static double meanImbalance(BarWindow w, long since) {
    double sum = 0;
    int n = 0;
    for (int k = 0; k < w.size(); k++) {
      double imbalance = w.get(k).meanImbalance();
      if (w.get(k).barTime() > since && !Double.isNaN(imbalance)) {
        sum += imbalance;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static double rangeBps(BarWindow w, long since) {
    double high = Double.NEGATIVE_INFINITY;
    double low = Double.POSITIVE_INFINITY;
    for (int k = 0; k < w.size(); k++) {
      if (w.get(k).barTime() > since) {
        high = Math.max(high, w.get(k).high());
        low = Math.min(low, w.get(k).low());
      }
    }
    return (high - low) / w.current().close() * 1e4;
  }

  /**
   * The text the definition hash covers: the names, horizon, dead zone and look-back, then every feature, label and
   * forward return of the reference session, each to 12 significant digits.
   */
  private String definition() {
    StringBuilder text = new StringBuilder()
        .append("name=").append(NAME).append('\n')
        .append("features=").append(String.join(",", NAMES)).append('\n')
        .append("horizon_minutes=").append(horizonMinutes).append('\n')
        .append("dead_zone_bps=").append(deadZoneBps).append('\n')
        .append("lookback_minutes=").append(LOOKBACK_MINUTES).append('\n');
    FeatureSet reference = instruments == REFERENCE_INSTRUMENTS ? this
        : new FeatureSet(this, REFERENCE_INSTRUMENTS);
    for (FeatureRow row : reference.computeSession(referenceSession())) {
      text.append(row.ts());
      for (double value : row.features()) {
        text.append(',').append(digits(value));
      }
      text.append(',').append(row.label()).append(',').append(digits(row.forwardReturn())).append('\n');
    }
    return text.toString();
  }

  /** A copy on other instruments, for the reference session (no hash of its own). */
  private FeatureSet(FeatureSet definition, InstrumentReference instruments) {
    this.horizonMinutes = definition.horizonMinutes;
    this.deadZoneBps = definition.deadZoneBps;
    this.instruments = instruments;
    this.definitionHash = "";
  }

  /**
   * A fixed, seeded session of AAPL bars (NYSE calendar): 150 minutes from the open of 2024-03-04 with two missing
   * minutes, moving prices and volumes, and changing book sizes: every feature and label takes varied values on it.
   */
  private static List<Bar> referenceSession() {
    SplittableRandom random = new SplittableRandom(2016);
    TradingCalendar calendar = REFERENCE_INSTRUMENTS.calendar("AAPL");
    long open = calendar.openOf(LocalDate.of(2024, 3, 4));
    List<Bar> bars = new ArrayList<>();
    double close = 100;
    for (int m = 0; m < 150; m++) {
      if (m == 40 || m == 97) {
        continue;
      }
      double previous = close;
      close = Math.round(previous * StrictMath.exp(0.002 * (random.nextDouble() - 0.5)) * 100) / 100.0;
      double high = Math.max(previous, close) + 0.01 * random.nextInt(3);
      double low = Math.min(previous, close) - 0.01 * random.nextInt(3);
      double volume = 100 * (1 + random.nextInt(40));
      double bid = 100 * (1 + random.nextInt(20));
      double ask = 100 * (1 + random.nextInt(20));
      bars.add(new Bar("AAPL", open + m * MINUTE, previous, high, low, close, volume,
          m % 7 == 3 ? Double.NaN : (low + high) / 2, 10 + random.nextInt(20), 0.01 + 0.01 * random.nextInt(3),
          bid, ask, 2 * random.nextDouble() - 1));
    }
    return bars;
  }

  private static String digits(double value) {
    return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.12g", value);
  }
}
