package dev.trii.benchmarks.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HttpLoadTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void poolsTheRoundsRequestsIntoOneRateAndOneSetOfPercentiles() {
    // a quick round (1..100 µs, 100 requests in 1 s) and a slow one (1..100 ms, 100 requests in 2 s, 3 failures)
    HttpLoad.Sample quick = new HttpLoad.Sample(8, 0, descending(1_000), 0, SECOND);
    HttpLoad.Sample slow = new HttpLoad.Sample(8, 0, descending(1_000_000), 3, 2 * SECOND);

    HttpLoad.Result pooled = HttpLoad.Result.pooled(List.of(slow, quick));

    assertThat(pooled.requests()).isEqualTo(200);
    assertThat(pooled.failures()).isEqualTo(3);
    assertThat(pooled.requestsPerSecond()).isEqualTo(200 / 3.0);
    // nearest rank over all 200: the 100th is the quick round's slowest, the 198th the slow round's 98th
    assertThat(pooled.p50Micros()).isEqualTo(100);
    assertThat(pooled.p99Micros()).isEqualTo(98_000);
    assertThat(pooled.maxMicros()).isEqualTo(100_000);
  }

  @Test
  void oneSampleGivesItsOwnFigures() {
    HttpLoad.Sample round = new HttpLoad.Sample(4, 500, descending(1_000), 1, SECOND / 2);

    HttpLoad.Result result = HttpLoad.Result.of(round);

    assertThat(result.connections()).isEqualTo(4);
    assertThat(result.targetRate()).isEqualTo(500);
    assertThat(result.requestsPerSecond()).isEqualTo(200).isEqualTo(round.requestsPerSecond());
    assertThat(result.p90Micros()).isEqualTo(90);
    assertThat(result.failures()).isEqualTo(1);
  }

  /** 100 latencies, {@code step} to 100 {@code step} nanoseconds, largest first (samples are not sorted). */
  private static long[] descending(long step) {
    return LongStream.rangeClosed(1, 100).map(i -> (101 - i) * step).toArray();
  }
}
