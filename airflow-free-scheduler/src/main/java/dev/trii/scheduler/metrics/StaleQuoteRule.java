package dev.trii.scheduler.metrics;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a symbol's stored quotes are stale: its market is open now by its trading calendar (the instrument reference)
 * and has been open for at least the threshold since the symbol's newest quote. Open-market time, as ingestion counts
 * a silent symbol ({@code stale.after}): a quote from Friday's close is not stale a minute after Monday's open, and
 * nothing is stale while the market is closed.
 */
public final class StaleQuoteRule {

  private final InstrumentReference instruments;
  private final long afterMillis;

  /**
   * @param after open-market time without a newer quote after which a symbol is stale, at least one second
   */
  public StaleQuoteRule(InstrumentReference instruments, Duration after) {
    this.instruments = Objects.requireNonNull(instruments, "instruments");
    if (after.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the stale-quote threshold must be at least 1s, got " + after);
    }
    this.afterMillis = after.toMillis();
  }

  /** True when the symbol, whose newest stored quote is {@code newest}, is stale at {@code now}. */
  public boolean stale(String symbol, Instant newest, Instant now) {
    TradingCalendar calendar = instruments.calendar(symbol);
    long at = now.toEpochMilli();
    return calendar.isOpen(at) && calendar.openMillisBetween(newest.toEpochMilli(), at, afterMillis) >= afterMillis;
  }
}
