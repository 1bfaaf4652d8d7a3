package dev.trii.ingestion.validation;

import dev.trii.core.market.TradingSession;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Open-market time over a trading session (weekdays, open to close in the market's zone): how much of a span the
 * market was open, and when a given amount of open time has passed. Event-time rules use it so that a night or a
 * weekend without quotes is neither "the future" nor "silence".
 */
public final class OpenMarketTime implements Serializable {

  private static final long serialVersionUID = 1L;
  /** No span of interest covers more calendar days than this (about 27 years). */
  private static final int MAX_DAYS = 10_000;

  private final TradingSession session;

  public OpenMarketTime(TradingSession session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  /**
   * Milliseconds the market is open in {@code [from, to)}, counted only up to {@code cap} (a result above
   * {@code cap} means "more than cap"); 0 when {@code to <= from}.
   */
  public long openMillisBetween(long from, long to, long cap) {
    if (to <= from) {
      return 0;
    }
    long total = 0;
    LocalDate date = session.tradingDate(from);
    for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
      long open = session.openOn(date).toEpochMilli();
      if (open >= to) {
        break;
      }
      if (session.isTradingDay(date)) {
        long close = session.closeOn(date).toEpochMilli();
        long start = Math.max(from, open);
        long end = Math.min(to, close);
        if (end > start) {
          total += end - start;
          if (total > cap) {
            return total;
          }
        }
      }
    }
    return total;
  }

  /**
   * The earliest instant {@code t >= from} such that the market was open for {@code amount} milliseconds in
   * {@code [from, t)}; {@code Long.MAX_VALUE} when that is more than {@value #MAX_DAYS} days away.
   */
  public long plusOpenTime(long from, long amount) {
    if (amount <= 0) {
      return from;
    }
    long remaining = amount;
    LocalDate date = session.tradingDate(from);
    for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
      if (!session.isTradingDay(date)) {
        continue;
      }
      long open = session.openOn(date).toEpochMilli();
      long close = session.closeOn(date).toEpochMilli();
      long start = Math.max(from, open);
      if (close > start) {
        if (close - start >= remaining) {
          return start + remaining;
        }
        remaining -= close - start;
      }
    }
    return Long.MAX_VALUE;
  }
}
