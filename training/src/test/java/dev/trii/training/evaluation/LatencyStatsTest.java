package dev.trii.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nearest-rank latency percentiles. */
class LatencyStatsTest {

  @Test
  void takesNearestRankPercentilesInMilliseconds() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[99 - i] = (i + 1) * 1_000_000L; // 1..100 ms, in reverse
    }
    LatencyStats stats = LatencyStats.of(nanos);
    assertThat(stats.samples()).isEqualTo(100);
    assertThat(stats.p50Ms()).isEqualTo(50.0);
    assertThat(stats.p95Ms()).isEqualTo(95.0);
    assertThat(stats.p99Ms()).isEqualTo(99.0);
    assertThat(stats.maxMs()).isEqualTo(100.0);
    assertThat(stats.asMetrics()).containsEntry("p95_latency_ms", 95.0);
  }
}
