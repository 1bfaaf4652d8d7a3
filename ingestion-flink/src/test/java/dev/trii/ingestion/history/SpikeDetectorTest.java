package dev.trii.ingestion.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.Violation;
import org.junit.jupiter.api.Test;

/** The price-spike rule: robust to the spike itself, judged only with a baseline, restarting after gaps and runs. */
class SpikeDetectorTest {

  private final SpikeDetector detector = new SpikeDetector(IngestionRules.defaults());
  private final double[] scratch = detector.newScratch();

  private Violation check(SymbolHistory history, long time, double mid) {
    return detector.check(history, time, mid, scratch);
  }

  /** A symbol that quoted around 100 (±2 cents) once a second. */
  private SymbolHistory warm(int quotes) {
    SymbolHistory history = new SymbolHistory();
    for (int i = 0; i < quotes; i++) {
      assertThat(check(history, i * 1_000L, 100 + (i % 5 - 2) * 0.01)).isNull();
    }
    return history;
  }

  @Test
  void rejectsAPriceFarFromTheRecentMedian() {
    SymbolHistory history = warm(40);
    Violation spike = check(history, 41_000, 106);
    assertThat(spike.reason()).isEqualTo(RejectReason.PRICE_SPIKE);
    assertThat(spike.detail()).startsWith("mid 106.0000 is ").contains("robust deviations from the median 100.0000");
    assertThat(check(history, 42_000, 100.5)).as("a 50 bps move is not a spike").isNull();
  }

  @Test
  void aRejectedSpikeDoesNotMoveTheBaseline() {
    SymbolHistory history = warm(40);
    double[] before = history.sortedMids.clone();
    assertThat(check(history, 41_000, 150)).isNotNull();
    assertThat(history.sortedMids).isEqualTo(before);
    assertThat(check(history, 42_000, 100.01)).isNull();
    assertThat(check(history, 43_000, 94)).as("the next spike is still judged against ~100").isNotNull();
  }

  @Test
  void judgesNothingBeforeTheMinimumSamples() {
    SymbolHistory history = warm(7);
    assertThat(check(history, 8_000, 200)).isNull();
  }

  @Test
  void restartsTheWindowAfterAGapInEventTime() {
    SymbolHistory history = warm(40);
    // the next session opens 3% higher: after the gap there is no baseline, so no spike
    assertThat(check(history, 40_000 + 11 * 60_000L, 103)).isNull();
    assertThat(history.size).isOne();
  }

  @Test
  void acceptsANewLevelAfterTooManySpikesInARow() {
    SymbolHistory history = warm(40);
    for (int i = 0; i < 5; i++) {
      assertThat(check(history, 41_000 + i, 110)).isNotNull();
    }
    // the market really moved: the window restarted and 110 builds a new baseline
    for (int i = 0; i < 10; i++) {
      assertThat(check(history, 50_000 + i * 1_000L, 110 + (i % 3) * 0.01)).isNull();
    }
  }

  @Test
  void keepsTheWindowSortedAsItSlides() {
    SymbolHistory history = new SymbolHistory();
    double[] mids = {100.2, 100.0, 100.4, 100.1, 100.3};
    for (int i = 0; i < 100; i++) {
      assertThat(check(history, i * 1_000L, mids[i % mids.length] + i * 0.001)).isNull();
    }
    assertThat(history.size).isEqualTo(32);
    double[] ring = java.util.Arrays.copyOf(history.logMids, 32);
    java.util.Arrays.sort(ring);
    assertThat(java.util.Arrays.copyOf(history.sortedMids, 32)).isEqualTo(ring);
  }
}
