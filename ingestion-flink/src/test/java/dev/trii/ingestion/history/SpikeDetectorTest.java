package dev.trii.ingestion.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.Violation;
import org.junit.jupiter.api.Test;

/**
 * The price-spike rule: robust to the spike itself, judged only with a baseline, wider after gaps, keeping price levels
 * the market recently traded at, restarting after runs.
 */
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
  void widensTheToleranceWithTheGapSinceTheLastQuote() {
    SymbolHistory history = warm(40);
    assertThat(check(history, 41_000, 103)).as("3% a second later").isNotNull();
    // the next session, 17.5 hours later, opens 3% higher: the tolerance is x sqrt(1 + 17.5 h / 2 min), about 27%
    assertThat(check(history, 40_000 + 63_000_000L, 103)).isNull();
    assertThat(check(history, 40_000 + 63_001_000L, 116)).as("13% after a second is still a spike").isNotNull();
  }

  @Test
  void aPriceLevelTradedRecentlyIsNotASpike() {
    SymbolHistory history = new SymbolHistory();
    // two dealer tiers 6% apart: both quote at first, then 40 quotes near 24.3 fill the window, then 25.8 again
    for (int i = 0; i < 8; i++) {
      assertThat(check(history, i * 60_000L, (i % 2 == 0 ? 25.85 : 24.30) + (i % 3) * 0.005)).isNull();
    }
    for (int i = 20; i < 60; i++) {
      assertThat(check(history, i * 60_000L, 24.30 + (i % 3) * 0.005)).isNull();
    }
    assertThat(check(history, 60 * 60_000L, 25.86)).as("the onshore tier again").isNull();
    assertThat(check(history, 61 * 60_000L, 28.05)).as("a level nobody quoted").isNotNull();
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
