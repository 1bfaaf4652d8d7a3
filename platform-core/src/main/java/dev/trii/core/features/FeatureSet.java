package dev.trii.core.features;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A versioned feature set: the ordered features computed for each 1-minute bar and the label that looks
 * forward from it. This is the only implementation of the feature calculation; the training set and the
 * scoring API both call it, so serving-time features equal training-time features for the same bars.
 *
 * <p>Version {@code v1}: every feature of a bar reads only bars of the same symbol and session in the
 * hour up to and including that bar ({@link #LOOKBACK_MINUTES}). Sessions, trading dates and
 * {@code minutes_since_open} come from the symbol's trading calendar in the {@link InstrumentReference}. Missing values (not enough history)
 * are NaN, which XGBoost treats as missing. The label is the direction of the log return from the bar's
 * close to the close {@code horizonMinutes} later, null inside the dead zone ({@code |return| <
 * deadZoneBps}) or when the session ends before the horizon.
 */
public final class FeatureSet {

  /** How far back a feature may look, in minutes. */
  public static final int LOOKBACK_MINUTES = 60;

  /** The feature names of v1, in the order of the feature vector. */
  public static final List<String> V1_NAMES = List.of(
      "ret_1m", "ret_5m", "ret_15m", "ret_30m",
      "vol_15m", "vol_30m",
      "rsi_14",
      "macd_bps", "macd_signal_bps", "macd_hist_bps",
      "volume_z_30m",
      "spread_bps",
      "range_bps_15m",
      "vwap_dev_bps",
      "quote_count",
      "minutes_since_open");

  private static final long MINUTE = Bar.MINUTE_MILLIS;

  private final String version;
  private final int horizonMinutes;
  private final double deadZoneBps;
  private final InstrumentReference instruments;

  public FeatureSet(String version, int horizonMinutes, double deadZoneBps, InstrumentReference instruments) {
    if (!"v1".equals(version)) {
      throw new IllegalArgumentException("unknown feature set version '" + version + "' (known: v1)");
    }
    if (horizonMinutes < 1 || horizonMinutes > 120) {
      throw new IllegalArgumentException("label horizon must be 1..120 minutes, got " + horizonMinutes);
    }
    if (!(deadZoneBps >= 0)) {
      throw new IllegalArgumentException("label dead zone must be >= 0 bps, got " + deadZoneBps);
    }
    this.version = version;
    this.horizonMinutes = horizonMinutes;
    this.deadZoneBps = deadZoneBps;
    this.instruments = Objects.requireNonNull(instruments, "instruments");
  }

  /** v1 with its defaults: 5-minute horizon, 1 bp dead zone, the built-in instrument reference. */
  public static FeatureSet v1() {
    return v1(InstrumentReference.builtIn());
  }

  /** v1 with its defaults over the given instrument reference. */
  public static FeatureSet v1(InstrumentReference instruments) {
    return new FeatureSet("v1", 5, 1.0, instruments);
  }

  public String version() {
    return version;
  }

  public List<String> names() {
    return V1_NAMES;
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
    double[] f = new double[V1_NAMES.size()];
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

  /** Log return from bar {@code i} to the close {@code horizon} minutes later; NaN when the session ends first. */
  double forwardReturn(List<Bar> sessionBars, int i) {
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
    return Math.log(to.close() / from.close());
  }

  private static double realizedVolatility(BarWindow w, long since) {
    double sum = 0;
    int n = 0;
    for (int k = 1; k < w.size(); k++) {
      if (w.get(k).barTime() > since) {
        double r = Math.log(w.get(k).close() / w.get(k - 1).close());
        sum += r * r;
        n++;
      }
    }
    return n < 2 ? Double.NaN : Math.sqrt(sum);
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
    return variance == 0 ? 0.0 : (w.current().volume() - mean) / Math.sqrt(variance);
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
}
