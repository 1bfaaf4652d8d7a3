package dev.trii.scoring.rollout;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one arm of a rollout did: requests, errors (the model failed to answer), and the latest
 * {@value #LATENCY_SAMPLES} scoring latencies, from which the p99 is read. Recording is lock-free.
 */
public final class ArmStats {

  static final int LATENCY_SAMPLES = 8192;

  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLongArray latencies = new AtomicLongArray(LATENCY_SAMPLES);
  private final AtomicLong recorded = new AtomicLong();

  /** One request's outcome; {@code nanos} < 0 when it has no comparable latency (a batch). */
  void record(boolean failed, long nanos) {
    requests.increment();
    if (failed) {
      errors.increment();
    }
    if (nanos >= 0) {
      latencies.set((int) (recorded.getAndIncrement() % LATENCY_SAMPLES), nanos);
    }
  }

  /** A consistent-enough view for judging. */
  Snapshot snapshot() {
    int samples = (int) Math.min(recorded.get(), LATENCY_SAMPLES);
    long[] sorted = new long[samples];
    for (int i = 0; i < samples; i++) {
      sorted[i] = latencies.get(i);
    }
    Arrays.sort(sorted);
    long p99 = samples == 0 ? 0 : sorted[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)];
    return new Snapshot(requests.sum(), errors.sum(), samples, p99);
  }

  /**
   * @param latencySamples how many latencies the p99 is read from
   * @param p99Nanos their 99th percentile (0 without samples)
   */
  public record Snapshot(long requests, long errors, int latencySamples, long p99Nanos) {

    public double errorRate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }
}
