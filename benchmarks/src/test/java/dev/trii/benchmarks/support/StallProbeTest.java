package dev.trii.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class StallProbeTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void countsOnlyTheGapsOfAMillisecondOrMore() {
    // reads 10 µs apart, except one gap of 7 ms, one of exactly 1 ms and one just under it
    LongSupplier clock = clock(0, 10_000, 20_000, 20_000 + 7 * MS, 30_000 + 7 * MS, 30_000 + 8 * MS,
        30_000 + 9 * MS - 1, 100 * MS);

    StallProbe.Gaps found = StallProbe.probe(100 * MS, clock);

    // the last read's gap (to 100 ms) counts too: the probe runs until its time is up
    long last = 100 * MS - (30_000 + 9 * MS - 1);
    assertThat(found.count()).isEqualTo(3);
    assertThat(found.lostNanos()).isEqualTo(7 * MS + MS + last);
    assertThat(found.longestNanos()).isEqualTo(last);
  }

  @Test
  void aClockThatNeverJumpsHasNoStalls() {
    StallProbe.Gaps found = StallProbe.probe(5 * MS, new LongSupplier() {
      long now;

      @Override
      public long getAsLong() {
        return now += 1_000;
      }
    });

    assertThat(found).isEqualTo(new StallProbe.Gaps(0, 0, 0));
  }

  @Test
  void probesEveryCoreAndReportsPerCoreFigures() {
    StallProbe.Stalls stalls = StallProbe.run(0.2);

    assertThat(stalls.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(stalls.lostMillisPerSecond()).isBetween(0.0, 1000.0);
    assertThat(stalls.count() == 0).isEqualTo(stalls.lostMillisPerSecond() == 0);
    assertThat(new ObjectMapper().valueToTree(stalls).fieldNames()).toIterable().contains("count",
        "lostMillisPerSecond", "longestMillis");
  }

  private static LongSupplier clock(long... readings) {
    return new LongSupplier() {
      int next;

      @Override
      public long getAsLong() {
        return readings[Math.min(next++, readings.length - 1)];
      }
    };
  }
}
