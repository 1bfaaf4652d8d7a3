package dev.trii.benchmarks.support;

/** Percentiles of measured latencies. */
public final class Percentiles {

  private Percentiles() {}

  /** Nearest-rank percentile of sorted nanoseconds, in microseconds. */
  public static double micros(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
  }
}
