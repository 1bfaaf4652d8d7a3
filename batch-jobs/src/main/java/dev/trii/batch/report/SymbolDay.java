package dev.trii.batch.report;

import dev.trii.core.instruments.Session;
import dev.trii.core.market.Bar;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One symbol's trading day in the report: its 1-minute bars (OHLC of the mid, volume, mean spread) and what the
 * report's table shows of them.
 *
 * @param assetClass e.g. {@code equity}, {@code crypto}
 * @param calendar the name of the symbol's trading calendar
 * @param zone the venue's time zone, which the symbol's charts use
 * @param hours the calendar's regular hours, e.g. {@code 09:30-16:00}
 * @param session the day's regular session; null when the calendar does not trade that date (bars came anyway)
 * @param bars the bars of the trading date in time order, at least one
 * @param previousClose the symbol's last close on the previous trading day with data; null when it had no bars then
 */
public record SymbolDay(String symbol, String assetClass, String calendar, ZoneId zone, String hours,
    Session session, List<Bar> bars, Double previousClose) {

  public SymbolDay {
    Objects.requireNonNull(symbol, "symbol");
    bars = List.copyOf(bars);
    if (bars.isEmpty()) {
      throw new IllegalArgumentException(symbol + ": a symbol's day needs at least one bar");
    }
  }

  public double open() {
    return bars.get(0).open();
  }

  public double high() {
    return bars.stream().mapToDouble(Bar::high).max().orElseThrow();
  }

  public double low() {
    return bars.stream().mapToDouble(Bar::low).min().orElseThrow();
  }

  public double close() {
    return bars.get(bars.size() - 1).close();
  }

  /** The close against the previous day's close, in percent; null without a previous close. */
  public Double changePercent() {
    return previousClose == null || previousClose == 0 ? null : (close() - previousClose) / previousClose * 100;
  }

  /** The close against the day's open, in percent. */
  public double changeFromOpenPercent() {
    return open() == 0 ? Double.NaN : (close() - open()) / open() * 100;
  }

  public double volume() {
    return bars.stream().mapToDouble(Bar::volume).sum();
  }

  /** The mean spread of the day's quotes (each bar's mean weighted by its quote count). */
  public double meanSpread() {
    double quotes = 0;
    double sum = 0;
    for (Bar bar : bars) {
      quotes += bar.quoteCount();
      sum += bar.meanSpread() * bar.quoteCount();
    }
    return quotes == 0 ? bars.stream().mapToDouble(Bar::meanSpread).average().orElse(0) : sum / quotes;
  }

  /** The mean spread in basis points of the day's mean mid. */
  public double meanSpreadBps() {
    double mid = bars.stream().mapToDouble(Bar::close).average().orElse(Double.NaN);
    return mid > 0 ? meanSpread() / mid * 10_000 : Double.NaN;
  }

  public int barCount() {
    return bars.size();
  }

  public long quoteCount() {
    return bars.stream().mapToLong(Bar::quoteCount).sum();
  }

  /** Minutes of the regular session; 0 on a date the calendar does not trade. */
  public int sessionMinutes() {
    return session == null ? 0 : session.minutes();
  }

  /** True when anything traded (a feed of quotes alone carries no volume). */
  public boolean hasVolume() {
    return bars.stream().anyMatch(bar -> bar.volume() > 0);
  }

  /** True when some quote had a spread (a feed of trades alone is quoted bid = ask). */
  public boolean hasSpread() {
    return bars.stream().anyMatch(bar -> bar.meanSpread() > 0);
  }

  public Instant firstBar() {
    return bars.get(0).barInstant();
  }

  public Instant lastBar() {
    return bars.get(bars.size() - 1).barInstant();
  }
}
