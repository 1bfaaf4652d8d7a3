package dev.trii.core.instruments;

import java.time.LocalDate;

/**
 * One trading session of a calendar: the trading date and the instants it opens and closes, {@code [open, close)}.
 *
 * @param open epoch milliseconds
 * @param close epoch milliseconds
 */
public record Session(LocalDate date, long open, long close) {

  /** True when the instant falls within the session. */
  public boolean contains(long epochMillis) {
    return epochMillis >= open && epochMillis < close;
  }

  /** Whole minutes the session lasts. */
  public int minutes() {
    return (int) ((close - open) / 60_000L);
  }
}
