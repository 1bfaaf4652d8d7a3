package dev.trii.ingestion.history;

import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.Violation;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The price-spike rule: a quote whose log mid is more than {@code threshold} robust deviations from the median of the
 * symbol's recent accepted log mids is a PRICE_SPIKE. The scale is {@code max(1.4826 × MAD, min-scale)} (MAD: median
 * absolute deviation; 1.4826 × MAD estimates a standard deviation and ignores outliers). Only accepted quotes enter
 * the window, so one bad tick cannot move the baseline. The window restarts after a gap in event time (overnight)
 * and after {@code max-consecutive} spikes in a row (the market really moved).
 *
 * <p>Cost: the window is also kept sorted (insert and evict in O(window)), so the median is free; the MAD is computed
 * only when the quote is further from the median than {@code threshold × min-scale} (otherwise it cannot be a spike,
 * whatever the MAD), which almost no genuine quote is.
 */
public final class SpikeDetector implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double MAD_TO_SIGMA = 1.4826;

  private final int window;
  private final int minSamples;
  private final double threshold;
  private final double minScale;
  private final long resetAfter;
  private final int maxConsecutive;

  public SpikeDetector(IngestionRules rules) {
    this.window = rules.spikeWindow();
    this.minSamples = rules.spikeMinSamples();
    this.threshold = rules.spikeThreshold();
    this.minScale = rules.spikeMinScale();
    this.resetAfter = rules.spikeResetAfterMs();
    this.maxConsecutive = rules.spikeMaxConsecutive();
  }

  /** Scratch space for {@link #check}, one per operator instance. */
  public double[] newScratch() {
    return new double[window];
  }

  /**
   * Judges a quote's mid against the symbol's window and updates the window: an accepted mid joins it.
   *
   * @return the violation, or null when the quote is accepted
   */
  public Violation check(SymbolHistory history, long eventTime, double mid, double[] scratch) {
    double x = Math.log(mid);
    if (history.logMids == null) {
      history.logMids = new double[window];
      history.sortedMids = new double[window];
    }
    if (history.size > 0 && eventTime - history.lastAccepted > resetAfter) {
      restart(history);
    }
    if (history.size >= minSamples) {
      double median = median(history.sortedMids, history.size);
      double distance = Math.abs(x - median);
      if (distance > threshold * minScale) {
        for (int i = 0; i < history.size; i++) {
          scratch[i] = Math.abs(history.sortedMids[i] - median);
        }
        Arrays.sort(scratch, 0, history.size);
        double mad = median(scratch, history.size);
        double scale = Math.max(MAD_TO_SIGMA * mad, minScale);
        double z = distance / scale;
        if (z > threshold) {
          int inRow = ++history.consecutiveSpikes;
          int samples = history.size;
          if (inRow >= maxConsecutive) {
            restart(history);
          }
          return new Violation(RejectReason.PRICE_SPIKE, String.format(Locale.ROOT,
              "mid %.4f is %.1f robust deviations from the median %.4f of the last %d quotes (threshold %.1f, "
                  + "scale %.2f bps)%s", mid, z, Math.exp(median), samples, threshold, scale * 10_000,
              inRow >= maxConsecutive ? "; " + inRow + " in a row: the window restarts" : ""));
        }
      }
    }
    add(history, x);
    history.consecutiveSpikes = 0;
    history.lastAccepted = Math.max(history.lastAccepted, eventTime);
    return null;
  }

  /** Adds a value to the ring and the sorted copy, evicting the oldest when full. */
  private void add(SymbolHistory history, double x) {
    double[] sorted = history.sortedMids;
    int size = history.size;
    if (size == window) {
      double oldest = history.logMids[history.next];
      int at = Arrays.binarySearch(sorted, 0, size, oldest);
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }
    int at = Arrays.binarySearch(sorted, 0, size, x);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = x;
    history.size = size + 1;
    history.logMids[history.next] = x;
    history.next = (history.next + 1) % window;
  }

  private static void restart(SymbolHistory history) {
    history.size = 0;
    history.next = 0;
    history.consecutiveSpikes = 0;
  }

  /** The median of the first {@code size} values, which are sorted. */
  private static double median(double[] sorted, int size) {
    int half = size / 2;
    return size % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }
}
