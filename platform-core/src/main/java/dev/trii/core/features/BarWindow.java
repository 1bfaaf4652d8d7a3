package dev.trii.core.features;

import dev.trii.core.market.Bar;
import java.util.List;

/**
 * The bars a feature may read for one bar: bars of the same symbol and trading session whose time lies in
 * {@code (current - lookback, current]}, oldest first, the current bar last. A window never exposes a bar
 * after the current one, which is what makes features point-in-time correct.
 */
public final class BarWindow {

  private final List<Bar> bars;
  private final int from;
  private final int to;

  private BarWindow(List<Bar> bars, int from, int to) {
    this.bars = bars;
    this.from = from;
    this.to = to;
  }

  /**
   * The window ending at {@code sessionBars.get(index)}.
   *
   * @param sessionBars one symbol's bars of one session, in time order
   */
  public static BarWindow endingAt(List<Bar> sessionBars, int index, long lookbackMillis) {
    if (index < 0 || index >= sessionBars.size()) {
      throw new IndexOutOfBoundsException("bar " + index + " of " + sessionBars.size());
    }
    long earliest = sessionBars.get(index).barTime() - lookbackMillis;
    int from = index;
    while (from > 0 && sessionBars.get(from - 1).barTime() > earliest) {
      from--;
    }
    return new BarWindow(sessionBars, from, index);
  }

  public Bar current() {
    return bars.get(to);
  }

  /** Number of bars in the window, the current one included. */
  public int size() {
    return to - from + 1;
  }

  /** The k-th bar of the window, 0 being the oldest. */
  public Bar get(int k) {
    if (k < 0 || k >= size()) {
      throw new IndexOutOfBoundsException("bar " + k + " of a window of " + size());
    }
    return bars.get(from + k);
  }

  /** The latest bar at or before the given time, or null when the window starts after it. */
  public Bar atOrBefore(long epochMillis) {
    for (int i = to; i >= from; i--) {
      if (bars.get(i).barTime() <= epochMillis) {
        return bars.get(i);
      }
    }
    return null;
  }
}
