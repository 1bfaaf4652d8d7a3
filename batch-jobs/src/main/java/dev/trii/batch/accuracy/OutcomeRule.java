package dev.trii.batch.accuracy;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * When and how a logged prediction by symbol is decided, with the label definition that built the training rows
 * ({@link FeatureSet#forwardReturn}, {@link FeatureSet#label}): the realized label is the direction of the log return
 * from the predicted bar's close to the close the horizon later, none inside the dead zone or when the session ends
 * first. A prediction is decided once its session has a bar at or after the horizon, or once the session's trading
 * date is over ({@link #LATE_BARS} after its end, for bars still on their way); until then it is pending.
 */
public final class OutcomeRule {

  /** How long after a trading date's end its bars may still arrive. */
  public static final Duration LATE_BARS = Duration.ofHours(1);

  private final FeatureSet featureSet;

  public OutcomeRule(FeatureSet featureSet) {
    this.featureSet = featureSet;
  }

  /** Whether no more bars will come for the symbol's trading date at the given time. */
  public boolean sessionOver(String symbol, LocalDate tradingDate, long nowMillis) {
    return nowMillis >= featureSet.calendar(symbol).dayStart(tradingDate.plusDays(1)) + LATE_BARS.toMillis();
  }

  /**
   * The outcome of one prediction, or empty while it is pending.
   *
   * @param sessionBars the bars of the prediction's session, in time order
   * @param sessionOver whether no more bars will come for the session ({@link #sessionOver})
   */
  public Optional<Outcome> decide(PendingPrediction prediction, List<Bar> sessionBars, boolean sessionOver) {
    long asOf = prediction.asOf().toEpochMilli();
    long horizon = asOf + featureSet.horizonMinutes() * Bar.MINUTE_MILLIS;
    boolean reached = !sessionBars.isEmpty() && sessionBars.get(sessionBars.size() - 1).barTime() >= horizon;
    if (!reached && !sessionOver) {
      return Optional.empty();
    }
    int index = indexOf(sessionBars, asOf);
    double forwardReturn = index < 0 ? Double.NaN : featureSet.forwardReturn(sessionBars, index);
    Integer label = featureSet.label(forwardReturn);
    Outcome.Kind kind = label == null ? Outcome.Kind.UNLABELLABLE
        : (label == 1) == prediction.direction().equals("up") ? Outcome.Kind.HIT : Outcome.Kind.MISS;
    return Optional.of(new Outcome(prediction.logId(), prediction.loggedAt(), label, forwardReturn, kind));
  }

  /** The index of the bar at that time, or -1 when the session has none (it vanished since the prediction). */
  private static int indexOf(List<Bar> sessionBars, long barTime) {
    int low = 0;
    int high = sessionBars.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long time = sessionBars.get(mid).barTime();
      if (time == barTime) {
        return mid;
      }
      if (time < barTime) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return -1;
  }
}
