package dev.trii.ingestion.history;

import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.Violation;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * The price-spike rule. A quote is a PRICE_SPIKE when its log mid is both
 *
 * <ol>
 *   <li>more than {@code threshold × max(1.4826 × MAD, min-scale)} from the median of the symbol's last
 *       {@code window} accepted log mids (MAD: median absolute deviation; 1.4826 × MAD estimates a standard deviation
 *       and ignores outliers), and
 *   <li>more than {@code threshold × min-scale} from every one of the symbol's last {@code memory} accepted log mids,
 * </ol>
 *
 * <p>each tolerance widened by {@code sqrt(1 + gap / time-scale)}, gap being the event time since the symbol's last
 * accepted quote (prices move further over a night or an outage than between two ticks). The first condition finds a
 * quote far from the market now; the second keeps a price level the market has recently traded at: a two-tier market
 * (offshore and onshore dealers quoting 6% apart, as USD/THB did in 1997) or a trade feed bouncing between the two
 * sides of a wide book is not a spike, while a bad tick, or a quote re-sent from days ago, is. Only accepted quotes
 * enter the history, so one bad tick cannot move the baseline; after {@code max-consecutive} spikes in a row the
 * history restarts (the market really moved). Judged once {@code min-samples} quotes are known.
 *
 * <p>Cost: the window and the memory are kept sorted (insert and evict in O(size)), so the median and the nearest
 * remembered level are cheap; the MAD is computed only when the quote is far from both, which almost no genuine quote
 * is.
 */
public final class SpikeDetector implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double MAD_TO_SIGMA = 1.4826;

  private final int window;
  private final int memory;
  private final int minSamples;
  private final double threshold;
  private final double minScale;
  private final double timeScale;
  private final int maxConsecutive;

  public SpikeDetector(IngestionRules rules) {
    this.window = rules.spikeWindow();
    this.memory = rules.spikeMemory();
    this.minSamples = rules.spikeMinSamples();
    this.threshold = rules.spikeThreshold();
    this.minScale = rules.spikeMinScale();
    this.timeScale = rules.spikeTimeScaleMs();
    this.maxConsecutive = rules.spikeMaxConsecutive();
  }

  /** Scratch space for {@link #check}, one per operator instance. */
  public double[] newScratch() {
    return new double[window];
  }

  /**
   * Judges a quote's mid against the symbol's history and updates it: an accepted mid joins it.
   *
   * @return the violation, or null when the quote is accepted
   */
  public Violation check(SymbolHistory history, long eventTime, double mid, double[] scratch) {
    double x = Math.log(mid);
    if (history.logMids == null) {
      history.logMids = new double[window];
      history.sortedMids = new double[window];
      history.memory = new double[memory];
      history.sortedMemory = new double[memory];
    }
    if (history.size >= minSamples) {
      double widening = Math.sqrt(1 + Math.max(0, eventTime - history.lastAccepted) / timeScale);
      double median = median(history.sortedMids, history.size);
      double distance = Math.abs(x - median);
      double levelTolerance = threshold * minScale * widening;
      if (distance > levelTolerance && nearest(history.sortedMemory, history.memorySize, x) > levelTolerance) {
        for (int i = 0; i < history.size; i++) {
          scratch[i] = Math.abs(history.sortedMids[i] - median);
        }
        Arrays.sort(scratch, 0, history.size);
        double scale = Math.max(MAD_TO_SIGMA * median(scratch, history.size), minScale) * widening;
        double z = distance / scale;
        if (z > threshold) {
          int inRow = ++history.consecutiveSpikes;
          int samples = history.size;
          if (inRow >= maxConsecutive) {
            restart(history);
          }
          return new Violation(RejectReason.PRICE_SPIKE, String.format(Locale.ROOT,
              "mid %.4f is %.1f robust deviations from the median %.4f of the last %d quotes (threshold %.1f, "
                  + "scale %.2f bps) and %.0f bps from every price of the last %d%s", mid, z, Math.exp(median),
              samples, threshold, scale * 10_000, levelTolerance * 10_000, history.memorySize,
              inRow >= maxConsecutive ? "; " + inRow + " in a row: the history restarts" : ""));
        }
      }
    }
    history.size = add(history.logMids, history.sortedMids, history.size, history.next, x);
    history.next = (history.next + 1) % window;
    history.memorySize = add(history.memory, history.sortedMemory, history.memorySize, history.memoryNext, x);
    history.memoryNext = (history.memoryNext + 1) % memory;
    history.consecutiveSpikes = 0;
    history.lastAccepted = Math.max(history.lastAccepted, eventTime);
    return null;
  }

  /**
   * Adds a value to a ring and its sorted copy, evicting the oldest when full.
   *
   * @return the new size
   */
  private static int add(double[] ring, double[] sorted, int size, int next, double x) {
    int n = size;
    if (n == ring.length) {
      int at = Arrays.binarySearch(sorted, 0, n, ring[next]);
      System.arraycopy(sorted, at + 1, sorted, at, n - at - 1);
      n--;
    }
    int at = Arrays.binarySearch(sorted, 0, n, x);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, n - at);
    sorted[at] = x;
    ring[next] = x;
    return n + 1;
  }

  /** Distance from x to the nearest of the first {@code size} sorted values; infinite when there are none. */
  private static double nearest(double[] sorted, int size, double x) {
    int at = Arrays.binarySearch(sorted, 0, size, x);
    if (at >= 0) {
      return 0;
    }
    int above = -at - 1;
    double best = Double.POSITIVE_INFINITY;
    if (above < size) {
      best = sorted[above] - x;
    }
    if (above > 0) {
      best = Math.min(best, x - sorted[above - 1]);
    }
    return best;
  }

  private static void restart(SymbolHistory history) {
    history.size = 0;
    history.next = 0;
    history.memorySize = 0;
    history.memoryNext = 0;
    history.consecutiveSpikes = 0;
  }

  /** The median of the first {@code size} values, which are sorted. */
  private static double median(double[] sorted, int size) {
    int half = size / 2;
    return size % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }
}
