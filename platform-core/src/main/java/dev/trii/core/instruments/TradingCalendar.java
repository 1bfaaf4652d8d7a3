package dev.trii.core.instruments;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The trading calendar of a venue: its time zone, regular session hours, trading weekdays, full-day holidays and early
 * closes. Each trading date has at most one session, {@code [open, close)}:
 *
 * <ul>
 *   <li>hours within one day ({@code 09:30-16:00}): the session lies on its date;
 *   <li>a closing time not after the opening time ({@code 17:00-17:00}, spot FX): the session opens on the day before
 *       its date, so trading date D runs from D-1 17:00 to D 17:00;
 *   <li>{@code 00:00-24:00}: the whole day (crypto, 24x7).
 * </ul>
 *
 * <p>The trading date of an instant is the date of the session that holds it, or would hold it on a trading day:
 * the local date, moved forward by one day after the opening time of a session that opens the day before. Every
 * calculation of open-market time in the platform (future records and stale symbols in ingestion, sessions in the
 * quality, features and scoring code) goes through this class.
 */
public final class TradingCalendar implements Serializable {

  private static final long serialVersionUID = 1L;
  /** No span of interest covers more calendar days than this (about 27 years). */
  private static final int MAX_DAYS = 10_000;

  private final String name;
  private final ZoneId zone;
  private final LocalTime open;
  /** Closing time in minutes after midnight; 1440 means 24:00. */
  private final int closeMinute;
  private final EnumSet<DayOfWeek> days;
  private final Set<LocalDate> holidays;
  private final Map<LocalDate, LocalTime> earlyCloses;
  private final boolean opensDayBefore;

  /**
   * A calendar.
   *
   * @param closeMinute the closing time in minutes after midnight, 1 to 1440 (24:00)
   * @param earlyCloses dates whose session closes earlier than the regular close, with their closing time
   */
  public TradingCalendar(String name, ZoneId zone, LocalTime open, int closeMinute, Set<DayOfWeek> days,
      Set<LocalDate> holidays, Map<LocalDate, LocalTime> earlyCloses) {
    this.name = Objects.requireNonNull(name, "name");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.open = Objects.requireNonNull(open, "open");
    if (closeMinute < 1 || closeMinute > 1440) {
      throw new IllegalArgumentException("calendar " + name + ": closing time must be within 00:01-24:00, got minute "
          + closeMinute);
    }
    this.closeMinute = closeMinute;
    if (days.isEmpty()) {
      throw new IllegalArgumentException("calendar " + name + ": needs at least one trading weekday");
    }
    this.days = EnumSet.copyOf(days);
    this.holidays = Set.copyOf(holidays);
    this.earlyCloses = Map.copyOf(earlyCloses);
    this.opensDayBefore = closeMinute <= open.getHour() * 60 + open.getMinute();
    if (opensDayBefore && closeMinute == 1440) {
      throw new IllegalArgumentException("calendar " + name + ": a session closing at 24:00 must open at 00:00 or "
          + "later the same day, got " + open);
    }
    for (Map.Entry<LocalDate, LocalTime> early : this.earlyCloses.entrySet()) {
      if (!opensDayBefore && !early.getValue().isAfter(open)) {
        throw new IllegalArgumentException("calendar " + name + ": early close " + early.getValue() + " on "
            + early.getKey() + " is not after the opening time " + open);
      }
    }
  }

  public String name() {
    return name;
  }

  /** The venue's time zone: trading dates and session hours are in it. */
  public ZoneId zone() {
    return zone;
  }

  /** Regular opening time (on the day before the trading date when {@link #opensDayBefore()}). */
  public LocalTime open() {
    return open;
  }

  /** Regular closing time as minutes after midnight of the trading date (1440: midnight that ends it). */
  public int closeMinute() {
    return closeMinute;
  }

  /** True when a session opens on the day before its trading date (hours such as {@code 17:00-17:00}). */
  public boolean opensDayBefore() {
    return opensDayBefore;
  }

  /**
   * How far an instant's local time is moved forward before taking its date, to get its trading date: the time from
   * the opening to midnight for a session that opens the day before, else zero.
   */
  public Duration tradingDateShift() {
    return opensDayBefore ? Duration.ofMinutes(1440 - (open.getHour() * 60L + open.getMinute())) : Duration.ZERO;
  }

  /** True when the date has a session: a trading weekday that is not a holiday. */
  public boolean isTradingDay(LocalDate date) {
    return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
  }

  /** True when the date's session closes early. */
  public boolean closesEarly(LocalDate date) {
    return earlyCloses.containsKey(date);
  }

  /** The session of a trading date, or null when the market does not trade that date. */
  public Session session(LocalDate date) {
    if (!isTradingDay(date)) {
      return null;
    }
    return new Session(date, openOf(date), closeOf(date));
  }

  /** The opening instant of a date's session (whether or not it trades), epoch milliseconds. */
  public long openOf(LocalDate date) {
    LocalDate day = opensDayBefore ? date.minusDays(1) : date;
    return ZonedDateTime.of(day, open, zone).toInstant().toEpochMilli();
  }

  /** The closing instant of a date's session (whether or not it trades), epoch milliseconds. */
  public long closeOf(LocalDate date) {
    LocalTime early = earlyCloses.get(date);
    if (early != null) {
      return ZonedDateTime.of(date, early, zone).toInstant().toEpochMilli();
    }
    if (closeMinute == 1440) {
      return ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant().toEpochMilli();
    }
    return ZonedDateTime.of(date, LocalTime.of(closeMinute / 60, closeMinute % 60), zone).toInstant().toEpochMilli();
  }

  /**
   * The first instant of a trading date, epoch milliseconds: local midnight, moved back to the opening time of the day
   * before for a session that opens the day before. A trading date's instants are {@code [dayStart(d),
   * dayStart(d + 1))}, session or not.
   */
  public long dayStart(LocalDate date) {
    return opensDayBefore ? ZonedDateTime.of(date.minusDays(1), open, zone).toInstant().toEpochMilli()
        : date.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** The trading date of an instant (see the class comment). */
  public LocalDate tradingDate(long epochMillis) {
    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    LocalDate date = local.toLocalDate();
    return opensDayBefore && !local.toLocalTime().isBefore(open) ? date.plusDays(1) : date;
  }

  /** True when the market is open at the instant. */
  public boolean isOpen(long epochMillis) {
    LocalDate date = tradingDate(epochMillis);
    return isTradingDay(date) && epochMillis >= openOf(date) && epochMillis < closeOf(date);
  }

  /** Length of the regular session in minutes (390 for US equities, 1440 for FX and crypto). */
  public int regularMinutes() {
    int openMinute = open.getHour() * 60 + open.getMinute();
    return opensDayBefore ? 1440 - openMinute + closeMinute : closeMinute - openMinute;
  }

  /** Whole minutes of the date's session; 0 when it does not trade. */
  public int minutesOn(LocalDate date) {
    return isTradingDay(date) ? (int) ((closeOf(date) - openOf(date)) / 60_000L) : 0;
  }

  /** The first trading date on or after the given date (the date itself when it trades). */
  public LocalDate nextTradingDay(LocalDate from) {
    LocalDate date = from;
    for (int i = 0; i < MAX_DAYS && !isTradingDay(date); i++) {
      date = date.plusDays(1);
    }
    return date;
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
    LocalDate date = tradingDate(from);
    for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
      long sessionOpen = openOf(date);
      if (sessionOpen >= to) {
        break;
      }
      if (isTradingDay(date)) {
        long start = Math.max(from, sessionOpen);
        long end = Math.min(to, closeOf(date));
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
   * {@code [from, t)}; {@code Long.MAX_VALUE} when that is more than about 27 years away.
   */
  public long plusOpenTime(long from, long amount) {
    if (amount <= 0) {
      return from;
    }
    long remaining = amount;
    LocalDate date = tradingDate(from);
    for (int day = 0; day < MAX_DAYS; day++, date = date.plusDays(1)) {
      if (!isTradingDay(date)) {
        continue;
      }
      long start = Math.max(from, openOf(date));
      long end = closeOf(date);
      if (end > start) {
        if (end - start >= remaining) {
          return start + remaining;
        }
        remaining -= end - start;
      }
    }
    return Long.MAX_VALUE;
  }

  /** Hours as written in the instrument file, e.g. {@code 09:30-16:00}. */
  public String hours() {
    return open + "-" + (closeMinute == 1440 ? "24:00" : LocalTime.of(closeMinute / 60, closeMinute % 60));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TradingCalendar that && that.name.equals(name) && that.zone.equals(zone)
        && that.open.equals(open) && that.closeMinute == closeMinute && that.days.equals(days)
        && that.holidays.equals(holidays) && that.earlyCloses.equals(earlyCloses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, zone, open, closeMinute, days);
  }

  @Override
  public String toString() {
    return name + " (" + zone + " " + hours() + ", " + days.size() + " days a week, " + holidays.size()
        + " holidays)";
  }
}
