package dev.trii.training.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of single-row prediction latency, in milliseconds. */
public record LatencyStats(int samples, double p50Ms, double p95Ms, double p99Ms, double maxMs) {

  /** Nearest-rank percentiles of the given durations in nanoseconds. */
  public static LatencyStats of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no latency samples");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencyStats(sorted.length, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  /** {@code p50_latency_ms}, {@code p95_latency_ms}, {@code p99_latency_ms}, {@code max_latency_ms}. */
  public Map<String, Double> asMetrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("p50_latency_ms", p50Ms);
    metrics.put("p95_latency_ms", p95Ms);
    metrics.put("p99_latency_ms", p99Ms);
    metrics.put("max_latency_ms", maxMs);
    return metrics;
  }
}
