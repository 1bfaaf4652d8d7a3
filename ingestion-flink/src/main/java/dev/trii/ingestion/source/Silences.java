package dev.trii.ingestion.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The silent symbols of a simulation: for each symbol and trading day, with probability {@code silenceRate}, a span
 * of {@code silenceMinutes} session minutes during which it sends nothing, starting at least half an hour after the
 * open and ending at least half an hour before the close. A pure function of the settings.
 */
public final class Silences {

  /** One silence: the symbol sends nothing in session minutes {@code [startMinute, startMinute + minutes)}. */
  public record Silence(String symbol, LocalDate date, int startMinute, int minutes) {}

  private static final long STREAM_SILENCE = 5;

  private final int symbolCount;
  private final int length;
  private final int[] start;
  private final int silentMinutes;
  private final List<Silence> all;

  private Silences(int symbolCount, int length, int[] start, List<Silence> all) {
    this.symbolCount = symbolCount;
    this.length = length;
    this.start = start;
    this.all = List.copyOf(all);
    this.silentMinutes = all.size() * length;
  }

  /** The silences of a simulation. */
  public static Silences of(SimulatorSpec spec) {
    FaultRates faults = spec.faults();
    List<String> symbols = spec.symbols();
    int days = spec.tradingDays();
    int[] start = new int[Math.multiplyExact(days, symbols.size())];
    java.util.Arrays.fill(start, -1);
    List<Silence> all = new ArrayList<>();
    if (faults.silenceRate() > 0) {
      List<LocalDate> dates = spec.tradingDates();
      int span = spec.calendar().regularMinutes() - 60 - faults.silenceMinutes() + 1;
      for (int day = 0; day < days; day++) {
        for (int s = 0; s < symbols.size(); s++) {
          SplittableRandom random = MarketSimulator.random(spec.seed(), MarketSimulator.fnv64(symbols.get(s)),
              -2L - day, STREAM_SILENCE);
          if (random.nextDouble() < faults.silenceRate()) {
            int minute = 30 + random.nextInt(span);
            start[day * symbols.size() + s] = minute;
            all.add(new Silence(symbols.get(s), dates.get(day), minute, faults.silenceMinutes()));
          }
        }
      }
    }
    return new Silences(symbols.size(), faults.silenceMinutes(), start, all);
  }

  /** Every silence, by day then symbol. */
  public List<Silence> all() {
    return all;
  }

  /** Symbol-minutes without quotes, all days together. */
  public int silentMinutes() {
    return silentMinutes;
  }

  boolean any() {
    return !all.isEmpty();
  }

  boolean silent(int day, int symbol, int minuteOfDay) {
    int first = start[day * symbolCount + symbol];
    return first >= 0 && minuteOfDay >= first && minuteOfDay < first + length;
  }

  /** Silent minutes of the symbol before {@code minuteOfDay} on that day. */
  int silentBefore(int day, int symbol, int minuteOfDay) {
    int first = start[day * symbolCount + symbol];
    if (first < 0 || minuteOfDay <= first) {
      return 0;
    }
    return Math.min(minuteOfDay, first + length) - first;
  }

  /** The minute the symbol's silence ended that day if it ended at or before {@code minuteOfDay}, else 0. */
  int quotingSince(int day, int symbol, int minuteOfDay) {
    int first = start[day * symbolCount + symbol];
    return first >= 0 && first + length <= minuteOfDay ? first + length : 0;
  }
}
