package dev.trii.batch.quality;

/**
 * One symbol's day as the checks need it: the counts, and the start time and close of every bar of the day's
 * regular session (the whole calendar day when it is not a trading day), in time order.
 *
 * @param barTimes bar start times, epoch milliseconds, ascending
 * @param closes the bars' closes, aligned with {@code barTimes}
 */
public record SessionEvidence(DaySymbolStats stats, long[] barTimes, double[] closes) {

  public SessionEvidence {
    if (barTimes.length != closes.length) {
      throw new IllegalArgumentException(barTimes.length + " bar times but " + closes.length + " closes");
    }
  }
}
