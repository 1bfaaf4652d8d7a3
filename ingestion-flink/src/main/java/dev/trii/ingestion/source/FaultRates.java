package dev.trii.ingestion.source;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How often the simulator corrupts its output: a probability per record for each {@link SimulatedFault} (at most one
 * fault per record; the rates add up to at most 1), and silent symbols: each symbol goes silent on each trading day
 * with probability {@code silenceRate}, for {@code silenceMinutes} minutes starting at a random minute at least half
 * an hour after the open and before the close.
 *
 * @param rates probability per record of each fault, absent = 0
 * @param silenceRate probability per symbol and trading day of a silence, [0, 1]
 * @param silenceMinutes length of a silence in minutes, 1 to 600
 */
public record FaultRates(Map<SimulatedFault, Double> rates, double silenceRate, int silenceMinutes)
    implements Serializable {

  /** The faults {@link #uniform} spreads its rate over: all but UNKNOWN_SYMBOL (which needs a reference list). */
  public static final Set<SimulatedFault> UNIFORM_KINDS = EnumSet.complementOf(EnumSet.of(SimulatedFault.UNKNOWN_SYMBOL));
  /** Default length of a silence. */
  public static final int DEFAULT_SILENCE_MINUTES = 15;

  public FaultRates {
    Objects.requireNonNull(rates, "rates");
    EnumMap<SimulatedFault, Double> copy = new EnumMap<>(SimulatedFault.class);
    double total = 0;
    for (Map.Entry<SimulatedFault, Double> entry : rates.entrySet()) {
      double rate = entry.getValue();
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rate of " + entry.getKey() + " must be in [0, 1], got " + rate);
      }
      if (rate > 0) {
        copy.put(entry.getKey(), rate);
        total += rate;
      }
    }
    if (total > 1 + 1e-9) {
      throw new IllegalArgumentException("fault rates must add up to at most 1, got " + total);
    }
    rates = Map.copyOf(copy);
    if (!(silenceRate >= 0 && silenceRate <= 1)) {
      throw new IllegalArgumentException("silenceRate must be in [0, 1], got " + silenceRate);
    }
    if (silenceMinutes < 1 || silenceMinutes > 600) {
      throw new IllegalArgumentException("silenceMinutes must be in [1, 600], got " + silenceMinutes);
    }
  }

  /** No faults, no silences. */
  public static FaultRates none() {
    return new FaultRates(Map.of(), 0, DEFAULT_SILENCE_MINUTES);
  }

  /** {@code total} spread evenly over {@link #UNIFORM_KINDS}; no silences. */
  public static FaultRates uniform(double total) {
    if (!(total >= 0 && total <= 1)) {
      throw new IllegalArgumentException("faultRate must be in [0, 1], got " + total);
    }
    Map<SimulatedFault, Double> rates = new EnumMap<>(SimulatedFault.class);
    for (SimulatedFault fault : UNIFORM_KINDS) {
      rates.put(fault, total / UNIFORM_KINDS.size());
    }
    return new FaultRates(rates, 0, DEFAULT_SILENCE_MINUTES);
  }

  /** These rates with one fault's rate replaced. */
  public FaultRates with(SimulatedFault fault, double rate) {
    Map<SimulatedFault, Double> copy = new EnumMap<>(SimulatedFault.class);
    copy.putAll(rates);
    copy.put(fault, rate);
    return new FaultRates(copy, silenceRate, silenceMinutes);
  }

  /** These rates with silent symbols. */
  public FaultRates withSilence(double rate, int minutes) {
    return new FaultRates(rates, rate, minutes);
  }

  /** The probability of one fault (0 when not configured). */
  public double rate(SimulatedFault fault) {
    return rates.getOrDefault(fault, 0.0);
  }

  /** Probability that a record carries a fault. */
  public double total() {
    return rates.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** One line, e.g. {@code 0.0020 (uniform)} or {@code DUPLICATE 0.001, LATE_EVENT 0.001; silence 0.5 × 15 min}. */
  public String describe() {
    String records = rates.isEmpty() ? "0" : rates.equals(uniform(total()).rates())
        ? String.format(Locale.ROOT, "%.4f (uniform)", total())
        : rates.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    return silenceRate > 0
        ? records + String.format(Locale.ROOT, "; silences %.2f per symbol-day × %d min", silenceRate, silenceMinutes)
        : records;
  }
}
