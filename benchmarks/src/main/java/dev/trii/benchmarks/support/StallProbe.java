package dev.trii.benchmarks.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long the machine takes its cores away: one thread per core reads the clock in a loop for a while, and every gap
 * of a millisecond or more between two reads is time that thread did not run although it never waited (the host ran
 * something else on the virtual CPU, a kernel thread took the core, the JVM stopped it). On an idle machine these
 * stalls set a floor under any latency percentile of a load test: a request whose path meets one waits for it.
 */
public final class StallProbe {

  private static final long GAP = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * The stalls seen.
   *
   * @param seconds how long each core was probed
   * @param count gaps of a millisecond or more, all cores together
   * @param lostMillisPerSecond their summed length per second, per core (the mean over the cores)
   * @param longestMillis the longest
   */
  public record Stalls(int cores, double seconds, int count, double lostMillisPerSecond, double longestMillis) {

    public Map<String, Object> figures() {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("probed_cores", cores);
      figures.put("probed_seconds", seconds);
      figures.put("stalls_of_1ms_or_more", count);
      figures.put("stalled_ms_per_second_per_core", lostMillisPerSecond);
      figures.put("longest_stall_ms", longestMillis);
      return figures;
    }
  }

  private StallProbe() {}

  /** Probes every core for {@code seconds}; the machine should be otherwise idle. */
  public static Stalls run(double seconds) {
    int cores = Runtime.getRuntime().availableProcessors();
    long duration = (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    long[][] found = new long[cores][]; // per core: count, summed nanos, longest nanos
    for (int core = 0; core < cores; core++) {
      int slot = core;
      Thread thread = new Thread(() -> found[slot] = probe(duration, System::nanoTime), "stall-probe-" + core);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while probing for stalls", e);
      }
    }
    int count = 0;
    long lost = 0;
    long longest = 0;
    for (long[] core : found) {
      count += (int) core[0];
      lost += core[1];
      longest = Math.max(longest, core[2]);
    }
    return new Stalls(cores, seconds, count, lost / 1e6 / seconds / cores, longest / 1e6);
  }

  /** Reads {@code clock} until {@code duration} has passed; returns the count, summed length and longest of its gaps. */
  static long[] probe(long duration, LongSupplier clock) {
    long start = clock.getAsLong();
    long previous = start;
    long count = 0;
    long lost = 0;
    long longest = 0;
    while (previous - start < duration) {
      long now = clock.getAsLong();
      long gap = now - previous;
      if (gap >= GAP) {
        count++;
        lost += gap;
        longest = Math.max(longest, gap);
      }
      previous = now;
    }
    return new long[] {count, lost, longest};
  }
}
