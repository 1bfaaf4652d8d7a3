package dev.trii.batch.quality;

import dev.trii.core.market.TradingSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Judges one symbol's day: completeness (minutes of the regular session with a bar, against the minutes the
 * session has had so far: all of them for a past day) and reject rate (rejects against rejects plus valid
 * quotes). A day that is not a trading day, or today before the open, gets no completeness check.
 */
public class EvaluateQuality implements ItemProcessor<DaySymbolStats, List<QualityCheck>> {

  private final QualityThresholds thresholds;
  private final TradingSession session;
  private final Clock clock;

  public EvaluateQuality(QualityThresholds thresholds, TradingSession session, Clock clock) {
    this.thresholds = thresholds;
    this.session = session;
    this.clock = clock;
  }

  @Override
  public List<QualityCheck> process(DaySymbolStats day) {
    List<QualityCheck> checks = new ArrayList<>(2);
    long expected = expectedMinutes(day);
    if (expected > 0) {
      double completeness = Math.min(1.0, (double) day.sessionBars() / expected);
      checks.add(new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.COMPLETENESS,
          completeness >= thresholds.minCompleteness(), completeness, thresholds.minCompleteness(),
          day.sessionBars() + " of " + expected + " session minutes have a bar"));
    }
    long records = day.quotes() + day.rejects();
    double rejectRate = records == 0 ? 0.0 : (double) day.rejects() / records;
    checks.add(new QualityCheck(day.tradingDate(), day.symbol(), QualityCheck.REJECT_RATE,
        rejectRate <= thresholds.maxRejectRate(), rejectRate, thresholds.maxRejectRate(),
        String.format(Locale.ROOT, "%d rejected of %d records (%.2f%%)", day.rejects(), records, 100 * rejectRate)));
    return checks;
  }

  private long expectedMinutes(DaySymbolStats day) {
    if (!session.isTradingDay(day.tradingDate())) {
      return 0;
    }
    Instant open = session.openOn(day.tradingDate());
    Instant close = session.closeOn(day.tradingDate());
    Instant now = clock.instant();
    Instant until = now.isBefore(close) ? now : close;
    return until.isAfter(open) ? Duration.between(open, until).toMinutes() : 0;
  }
}
