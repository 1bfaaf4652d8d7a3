package dev.trii.core.market;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The regular trading session of a market: opening and closing time on weekdays in its time zone
 * (exchange holidays are not modelled). Serializable so that Flink functions can carry it.
 */
public record TradingSession(ZoneId zone, LocalTime open, LocalTime close) implements Serializable {

  /** US equities: 09:30 to 16:00 New York time. */
  public static final TradingSession US_EQUITIES =
      new TradingSession(ZoneId.of("America/New_York"), LocalTime.of(9, 30), LocalTime.of(16, 0));

  public static TradingSession usEquities(ZoneId zone) {
    return new TradingSession(zone, US_EQUITIES.open(), US_EQUITIES.close());
  }

  public boolean isTradingDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }

  /** Minutes in one full session (390 for US equities). */
  public int minutesPerSession() {
    return (int) java.time.Duration.between(open, close).toMinutes();
  }

  public Instant openOn(LocalDate date) {
    return ZonedDateTime.of(date, open, zone).toInstant();
  }

  public Instant closeOn(LocalDate date) {
    return ZonedDateTime.of(date, close, zone).toInstant();
  }

  /** The trading date (in the market's zone) of an instant. */
  public LocalDate tradingDate(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
  }

  /** Minutes since the session opened on that instant's date (negative before the open). */
  public double minutesSinceOpen(long epochMillis) {
    LocalDate date = tradingDate(epochMillis);
    return (epochMillis - openOn(date).toEpochMilli()) / 60_000.0;
  }

  public boolean isOpen(long epochMillis) {
    LocalDate date = tradingDate(epochMillis);
    return isTradingDay(date)
        && epochMillis >= openOn(date).toEpochMilli()
        && epochMillis < closeOn(date).toEpochMilli();
  }

  /** The first trading date on or after the given date. */
  public LocalDate nextTradingDay(LocalDate from) {
    LocalDate date = from;
    while (!isTradingDay(date)) {
      date = date.plusDays(1);
    }
    return date;
  }
}
