package dev.trii.batch.quality;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Bar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Judges one symbol's trading day against the {@link QualityConfig} thresholds: completeness, gaps and staleness of
 * the regular session's bars (trading days of the symbol's calendar only, over the session so far, early closes
 * included), duplicate, out-of-order and overall reject
 * rates, outlier returns, and stale-symbol events when they are known. Pure: everything it needs is in the
 * {@link SessionEvidence} and the clock.
 */
public class EvaluateQuality implements ItemProcessor<SessionEvidence, List<QualityCheck>> {

  /** Scales a median absolute deviation to a standard deviation for normally distributed values. */
  static final double MAD_TO_SD = 1.4826;

  private final QualityConfig config;
  private final InstrumentReference instruments;
  private final Clock clock;

  public EvaluateQuality(QualityConfig config, InstrumentReference instruments, Clock clock) {
    this.config = config;
    this.instruments = instruments;
    this.clock = clock;
  }

  @Override
  public List<QualityCheck> process(SessionEvidence evidence) {
    DaySymbolStats day = evidence.stats();
    List<QualityCheck> checks = new ArrayList<>(8);
    TradingCalendar calendar = instruments.calendar(day.symbol());
    long open = calendar.openOf(day.tradingDate());
    long until = sessionSoFar(calendar, day.tradingDate());
    if (until > open) {
      long expected = (until - open) / Bar.MINUTE_MILLIS;
      long[] times = Arrays.stream(evidence.barTimes()).filter(t -> t >= open && t < until).toArray();
      checks.add(completeness(day, times.length, expected));
      checks.add(gaps(day, times, open));
      checks.add(staleness(day, times, open, until, calendar.closeOf(day.tradingDate())));
    }
    checks.add(rate(day, QualityCheck.DUPLICATES, day.duplicates(), config.maxDuplicateRate(),
        "rejected as duplicates " + config.duplicateReasons()));
    checks.add(rate(day, QualityCheck.OUT_OF_ORDER, day.outOfOrder(), config.maxOutOfOrderRate(),
        "rejected as out of order or late " + config.outOfOrderReasons()));
    checks.add(outliers(day, evidence.barTimes(), evidence.closes()));
    if (day.staleEvents() >= 0) {
      checks.add(new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.STALE_EVENTS,
          day.staleEvents() <= config.maxStaleEvents(), day.staleEvents(), config.maxStaleEvents(),
          day.staleEvents() + " stale-symbol event(s) recorded by ingestion (at most " + config.maxStaleEvents()
              + ")"));
    }
    checks.add(rate(day, QualityCheck.REJECT_RATE, day.rejects(), config.maxRejectRate(), "rejected"));
    return checks;
  }

  /** End of the part of the session that has happened: its close for a past day, now during the session. */
  private long sessionSoFar(TradingCalendar calendar, LocalDate date) {
    if (!calendar.isTradingDay(date)) {
      return Long.MIN_VALUE;
    }
    return Math.min(clock.millis(), calendar.closeOf(date));
  }

  private QualityCheck completeness(DaySymbolStats day, long bars, long expected) {
    double share = Math.min(1.0, (double) bars / expected);
    return new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.COMPLETENESS,
        share >= config.minCompleteness(), share, config.minCompleteness(),
        bars + " of " + expected + " session minutes have a bar");
  }

  /** The longest run of minutes without a bar between the open and the last bar (the open itself counts). */
  private QualityCheck gaps(DaySymbolStats day, long[] times, long open) {
    long longest = 0;
    long longestEnd = open;
    long previousEnd = open;
    for (long time : times) {
      long missing = (time - previousEnd) / Bar.MINUTE_MILLIS;
      if (missing > longest) {
        longest = missing;
        longestEnd = time;
      }
      previousEnd = time + Bar.MINUTE_MILLIS;
    }
    String detail = times.length == 0 ? "no bar in the session"
        : longest == 0 ? "no minute without a bar up to the last bar"
        : "longest run without a bar: " + longest + " minute(s), ending " + Instant.ofEpochMilli(longestEnd);
    return new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.GAPS, longest <= config.maxGapMinutes(),
        longest, config.maxGapMinutes(), detail);
  }

  private QualityCheck staleness(DaySymbolStats day, long[] times, long open, long until, long close) {
    long lastEnd = times.length == 0 ? open : times[times.length - 1] + Bar.MINUTE_MILLIS;
    long minutes = Math.max(0, (until - lastEnd) / Bar.MINUTE_MILLIS);
    String detail = (times.length == 0 ? "no bar in the session: " : "last bar ends "
        + Instant.ofEpochMilli(lastEnd) + ", ") + minutes + " minute(s) before "
        + (until == close ? "the close" : "now");
    return new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.STALENESS,
        minutes <= config.maxStalenessMinutes(), minutes, config.maxStalenessMinutes(), detail);
  }

  private static QualityCheck rate(DaySymbolStats day, String name, long count, double max, String what) {
    double rate = day.records() == 0 ? 0.0 : (double) count / day.records();
    return new QualityCheck(day.tradingDate(), day.symbol(), name, rate <= max, rate, max,
        String.format(Locale.ROOT, "%d of %d records %s (%.2f%%)", count, day.records(), what, 100 * rate));
  }

  private QualityCheck outliers(DaySymbolStats day, long[] times, double[] closes) {
    double[] returns = minuteReturns(times, closes);
    if (returns.length < config.minReturns()) {
      return new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.OUTLIERS, true, 0.0,
          config.maxOutlierShare(), "only " + returns.length + " returns, fewer than the " + config.minReturns()
              + " needed to judge outliers");
    }
    double median = median(returns);
    double[] deviations = new double[returns.length];
    for (int i = 0; i < returns.length; i++) {
      deviations[i] = Math.abs(returns[i] - median);
    }
    double scale = MAD_TO_SD * median(deviations);
    if (scale == 0) {
      // more than half the returns equal the median (a price that rarely moves): fall back to the mean deviation
      scale = Arrays.stream(deviations).average().orElse(0) * Math.sqrt(Math.PI / 2);
    }
    int outliers = 0;
    double largest = 0;
    for (double deviation : deviations) {
      double z = scale == 0 ? 0 : deviation / scale;
      largest = Math.max(largest, z);
      if (z > config.outlierZ()) {
        outliers++;
      }
    }
    double share = (double) outliers / returns.length;
    return new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.OUTLIERS,
        share <= config.maxOutlierShare(), share, config.maxOutlierShare(),
        String.format(Locale.ROOT, "%d of %d 1-minute returns with |robust z| > %s (largest %.1f)", outliers,
            returns.length, config.outlierZ(), largest));
  }

  /** Log returns between consecutive bars, each scaled to one minute (divided by √minutes between the bars). */
  static double[] minuteReturns(long[] times, double[] closes) {
    List<Double> returns = new ArrayList<>(Math.max(0, times.length - 1));
    for (int i = 1; i < times.length; i++) {
      if (closes[i] > 0 && closes[i - 1] > 0 && times[i] > times[i - 1]) {
        double minutes = (times[i] - times[i - 1]) / (double) Bar.MINUTE_MILLIS;
        returns.add(Math.log(closes[i] / closes[i - 1]) / Math.sqrt(minutes));
      }
    }
    return returns.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
