package dev.trii.batch.accuracy;

import java.time.Instant;

/**
 * What happened after a logged prediction: the label the feature set gives its bar and whether the prediction got it.
 *
 * @param logId with {@code loggedAt}, the prediction's key in {@code prediction_log}
 * @param realizedLabel 1 up, 0 down; null when unlabellable
 * @param forwardReturn log return over the label horizon; NaN when the session's bars ended first
 */
public record Outcome(long logId, Instant loggedAt, Integer realizedLabel, double forwardReturn, Kind kind) {

  /** The outcome's verdict, as {@code prediction_log.outcome} stores it. */
  public enum Kind {
    /** The predicted direction was the realized one. */
    HIT,
    /** It was the other one. */
    MISS,
    /** No label: the move stayed inside the dead zone, or the session ended before the horizon. */
    UNLABELLABLE
  }
}
