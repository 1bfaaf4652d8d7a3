package dev.trii.batch.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One trading day's rejected records by reason and hour: dense hourly buckets (UTC hours) over the report's window,
 * stretched to hold every reject of the day (a reject's trading date may reach outside the sessions), and each
 * reason's total with the symbols it hit. Reasons come in order of their totals, the largest first.
 */
public final class RejectHours {

  private static final long HOUR_SECONDS = Duration.ofHours(1).toSeconds();

  /**
   * Rejects of one reason and symbol in one hour, as counted by the database.
   *
   * @param hour start of the UTC hour
   */
  public record Count(Instant hour, String reason, String symbol, long rejects) {}

  /** A reason's rejects over the day, and the symbols they came from (in order). */
  public record Total(String reason, long rejects, List<String> symbols) {

    public Total {
      symbols = List.copyOf(symbols);
    }
  }

  private final List<Instant> hours;
  private final List<Total> totals;
  private final Map<String, long[]> byReason;

  private RejectHours(List<Instant> hours, List<Total> totals, Map<String, long[]> byReason) {
    this.hours = List.copyOf(hours);
    this.totals = List.copyOf(totals);
    this.byReason = byReason;
  }

  /**
   * The buckets of a day.
   *
   * @param counts the day's rejects by hour, reason and symbol, in any order (an hour need not be on the hour: it is
   *     floored)
   * @param windowStart start of the report's window; the first bucket is its hour
   * @param windowEnd end of the report's window (exclusive); the last bucket is the hour before it
   */
  public static RejectHours of(List<Count> counts, Instant windowStart, Instant windowEnd) {
    long first = floorHour(windowStart);
    long end = Math.max(first + HOUR_SECONDS, ceilHour(windowEnd));
    for (Count count : counts) {
      long hour = floorHour(count.hour());
      first = Math.min(first, hour);
      end = Math.max(end, hour + HOUR_SECONDS);
    }
    List<Instant> hours = new ArrayList<>();
    for (long hour = first; hour < end; hour += HOUR_SECONDS) {
      hours.add(Instant.ofEpochSecond(hour));
    }
    Map<String, long[]> series = new TreeMap<>();
    Map<String, TreeSet<String>> symbols = new TreeMap<>();
    for (Count count : counts) {
      if (count.rejects() <= 0) {
        continue;
      }
      int index = (int) ((floorHour(count.hour()) - first) / HOUR_SECONDS);
      series.computeIfAbsent(count.reason(), reason -> new long[hours.size()])[index] += count.rejects();
      if (count.symbol() != null) {
        symbols.computeIfAbsent(count.reason(), reason -> new TreeSet<>()).add(count.symbol());
      }
    }
    List<Total> totals = new ArrayList<>();
    series.forEach((reason, perHour) -> totals.add(new Total(reason, sum(perHour),
        new ArrayList<>(symbols.getOrDefault(reason, new TreeSet<>())))));
    totals.sort(Comparator.comparingLong(Total::rejects).reversed().thenComparing(Total::reason));
    Map<String, long[]> ordered = new LinkedHashMap<>();
    totals.forEach(total -> ordered.put(total.reason(), series.get(total.reason())));
    return new RejectHours(hours, totals, ordered);
  }

  /** The start of every hourly bucket, in order. */
  public List<Instant> hours() {
    return hours;
  }

  /** The reasons with rejects, the largest total first. */
  public List<String> reasons() {
    return totals.stream().map(Total::reason).toList();
  }

  /** Each reason's total, the largest first. */
  public List<Total> totals() {
    return totals;
  }

  /** Rejects of a reason in the bucket at {@code hourIndex} of {@link #hours()}; 0 for a reason without any. */
  public long count(String reason, int hourIndex) {
    long[] perHour = byReason.get(reason);
    return perHour == null ? 0 : perHour[hourIndex];
  }

  /** Rejects of a reason over the day. */
  public long total(String reason) {
    long[] perHour = byReason.get(reason);
    return perHour == null ? 0 : sum(perHour);
  }

  /** Rejects of every reason over the day. */
  public long total() {
    return totals.stream().mapToLong(Total::rejects).sum();
  }

  /** Each reason's total, the largest first. */
  public Map<String, Long> byReason() {
    Map<String, Long> map = new LinkedHashMap<>();
    totals.forEach(total -> map.put(total.reason(), total.rejects()));
    return map;
  }

  public boolean isEmpty() {
    return totals.isEmpty();
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long value : values) {
      sum += value;
    }
    return sum;
  }

  private static long floorHour(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), HOUR_SECONDS) * HOUR_SECONDS;
  }

  private static long ceilHour(Instant instant) {
    long floor = floorHour(instant);
    return floor == instant.getEpochSecond() && instant.getNano() == 0 ? floor : floor + HOUR_SECONDS;
  }
}
