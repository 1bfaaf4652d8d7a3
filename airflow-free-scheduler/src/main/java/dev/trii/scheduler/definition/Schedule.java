package dev.trii.scheduler.definition;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * When a pipeline runs: a Quartz cron expression read as <b>wall-clock time</b> in a zone, safe across daylight
 * saving time. A fire time that falls in the spring-forward gap fires at the first instant after the gap (a daily
 * 02:30 still runs on the day the clocks jump from 02:00 to 03:00, where Quartz's own cron trigger skips the day);
 * a fire time in the autumn overlap fires once, at its first occurrence. Each run covers the data interval from the
 * fire time before it to its own.
 */
public final class Schedule {

  private static final Duration LONGEST_LOOKBACK = Duration.ofDays(800);

  private final String cron;
  private final ZoneId zone;
  private final Misfire misfire;
  /** Evaluated in UTC over local date-times: the expression's fields are wall-clock fields. */
  private final CronExpression wallClock;

  public Schedule(String cron, ZoneId zone, Misfire misfire) {
    this.cron = cron;
    this.zone = zone;
    this.misfire = misfire;
    try {
      this.wallClock = new CronExpression(cron);
    } catch (ParseException e) {
      throw new IllegalArgumentException("'" + cron + "' is not a valid Quartz cron expression (seconds minutes "
          + "hours day-of-month month day-of-week, e.g. '0 30 17 ? * MON-FRI'): " + e.getMessage());
    }
    wallClock.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
  }

  public String cron() {
    return cron;
  }

  public ZoneId zone() {
    return zone;
  }

  public Misfire misfire() {
    return misfire;
  }

  /** The first fire time strictly after {@code after}; empty when the expression never fires again. */
  public Optional<Instant> next(Instant after) {
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    for (int guard = 0; guard < 4; guard++) {
      Date next = wallClock.getTimeAfter(Date.from(local.toInstant(ZoneOffset.UTC)));
      if (next == null) {
        return Optional.empty();
      }
      LocalDateTime candidate = LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC);
      // a local time in the gap moves forward by the gap; in the overlap, the earlier offset is taken
      Instant fire = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
      if (fire.isAfter(after)) {
        return Optional.of(fire);
      }
      local = candidate;
    }
    throw new IllegalStateException("cron '" + cron + "' in " + zone + " does not advance after " + after);
  }

  /** The last fire time at or before {@code time}; empty when there is none within 800 days. */
  public Optional<Instant> latestAtOrBefore(Instant time) {
    Duration back = Duration.ofHours(1);
    while (back.compareTo(LONGEST_LOOKBACK) <= 0) {
      Optional<Instant> first = next(time.minus(back));
      if (first.isPresent() && !first.get().isAfter(time)) {
        Instant latest = first.get();
        for (Optional<Instant> n = next(latest); n.isPresent() && !n.get().isAfter(time); n = next(latest)) {
          latest = n.get();
        }
        return Optional.of(latest);
      }
      back = back.multipliedBy(4);
    }
    return Optional.empty();
  }

  /** The data interval a run fired at {@code fireTime} covers: from the fire time before it up to it. */
  public DataInterval intervalEndingAt(Instant fireTime) {
    Instant start = latestAtOrBefore(fireTime.minusNanos(1)).orElse(fireTime);
    return new DataInterval(start, fireTime);
  }

  /** The fire times in {@code [from, to)}, oldest first, at most {@code limit}. */
  public List<Instant> fireTimes(Instant from, Instant to, int limit) {
    List<Instant> times = new ArrayList<>();
    Optional<Instant> next = next(from.minusNanos(1));
    while (next.isPresent() && next.get().isBefore(to)) {
      if (times.size() == limit) {
        throw new IllegalArgumentException("more than " + limit + " fire times between " + from + " and " + to);
      }
      times.add(next.get());
      next = next(next.get());
    }
    return times;
  }

  @Override
  public String toString() {
    return "'" + cron + "' " + zone.getId() + " (misfire " + misfire.yamlName() + ")";
  }
}
