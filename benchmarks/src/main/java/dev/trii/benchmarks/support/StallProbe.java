package dev.trii.benchmarks.support;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
   * The stalls seen, written as they are into a benchmark's JSON figures.
   *
   * @param seconds how long each core was probed
   * @param count gaps of a millisecond or more, all cores together
   * @param lostMillisPerSecond their summed length per second, per core (the mean over the cores)
   * @param longestMillis the longest
   */
  public record Stalls(int cores, double seconds, int count, double lostMillisPerSecond, double longestMillis) {}

  /** One clock's gaps of a millisecond or more: how many, their summed length and the longest, in nanoseconds. */
  record Gaps(long count, long lostNanos, long longestNanos) {}

  private StallProbe() {}

  /** Probes every core for {@code seconds}; the machine should be otherwise idle. */
  public static Stalls run(double seconds) {
    int cores = Runtime.getRuntime().availableProcessors();
    long duration = (long) (seconds * 1e9);
    List<Callable<Gaps>> probes = Collections.nCopies(cores, () -> probe(duration, System::nanoTime));
    ExecutorService threads = Executors.newFixedThreadPool(cores);
    int count = 0;
    long lost = 0;
    long longest = 0;
    try {
      for (Future<Gaps> probe : threads.invokeAll(probes)) {
        Gaps gaps = probe.get();
        count += (int) gaps.count();
        lost += gaps.lostNanos();
        longest = Math.max(longest, gaps.longestNanos());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing for stalls", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a stall probe failed: " + e.getCause(), e.getCause());
    } finally {
      threads.shutdownNow();
    }
    return new Stalls(cores, seconds, count, lost / 1e6 / seconds / cores, longest / 1e6);
  }

  /** Reads {@code clock} until {@code duration} has passed, and measures its gaps. */
  static Gaps probe(long duration, LongSupplier clock) {
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
    return new Gaps(count, lost, longest);
  }
}
