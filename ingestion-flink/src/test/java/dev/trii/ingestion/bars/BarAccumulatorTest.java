package dev.trii.ingestion.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bar arithmetic: OHLC of the mid by event time, VWAP of the trades, quote count and mean spread. */
class BarAccumulatorTest {

  private static final long MINUTE = 1_704_205_800_000L; // 2024-01-02T14:30:00Z

  private static Quote quote(long offsetMillis, long seq, double bid, double ask, double last, long volume) {
    return new Quote("AAPL", MINUTE + offsetMillis, seq, bid, ask, BigDecimal.valueOf(100), BigDecimal.valueOf(100), last,
        BigDecimal.valueOf(volume), bid == ask, "test", "");
  }

  /** Mids 10.015, 10.035, 9.995, 10.005 in event-time order; two trades. */
  private static final List<Quote> QUOTES = List.of(
      quote(1_000, 1, 10.01, 10.02, Double.NaN, 0),
      quote(20_000, 2, 10.03, 10.04, 10.04, 300),
      quote(35_000, 3, 9.99, 10.00, 9.99, 100),
      quote(59_000, 4, 10.00, 10.01, Double.NaN, 0));

  @Test
  void computesOhlcVwapCountAndMeanSpread() {
    BarAccumulator accumulator = new BarAccumulator();
    QUOTES.forEach(accumulator::add);
    Bar bar = accumulator.toBar("AAPL", MINUTE);

    assertThat(bar.open()).isEqualTo((10.01 + 10.02) / 2);
    assertThat(bar.high()).isEqualTo((10.03 + 10.04) / 2);
    assertThat(bar.low()).isEqualTo((9.99 + 10.00) / 2);
    assertThat(bar.close()).isEqualTo((10.00 + 10.01) / 2);
    assertThat(bar.volume()).isEqualTo(400);
    assertThat(bar.vwap()).isCloseTo((10.04 * 300 + 9.99 * 100) / 400, within(1e-12));
    assertThat(bar.quoteCount()).isEqualTo(4);
    assertThat(bar.meanSpread()).isCloseTo(0.01, within(1e-9));
    assertThat(bar.barTime()).isEqualTo(MINUTE);
  }

  @Test
  void openAndCloseFollowEventTimeNotArrivalOrder() {
    BarAccumulator accumulator = new BarAccumulator();
    List.of(QUOTES.get(3), QUOTES.get(1), QUOTES.get(0), QUOTES.get(2)).forEach(accumulator::add);
    Bar bar = accumulator.toBar("AAPL", MINUTE);
    assertThat(bar.open()).isEqualTo(QUOTES.get(0).mid());
    assertThat(bar.close()).isEqualTo(QUOTES.get(3).mid());
  }

  @Test
  void sameEventTimeIsOrderedBySequence() {
    BarAccumulator accumulator = new BarAccumulator();
    accumulator.add(quote(5_000, 8, 10.10, 10.11, Double.NaN, 0));
    accumulator.add(quote(5_000, 7, 10.00, 10.01, Double.NaN, 0));
    Bar bar = accumulator.toBar("AAPL", MINUTE);
    assertThat(bar.open()).isEqualTo((10.00 + 10.01) / 2);
    assertThat(bar.close()).isEqualTo((10.10 + 10.11) / 2);
  }

  @Test
  void vwapIsNaNWhenNothingTraded() {
    BarAccumulator accumulator = new BarAccumulator();
    accumulator.add(QUOTES.get(0));
    accumulator.add(QUOTES.get(3));
    Bar bar = accumulator.toBar("AAPL", MINUTE);
    assertThat(bar.volume()).isZero();
    assertThat(bar.vwap()).isNaN();
  }

  @Test
  void mergingPartsEqualsAddingEverything() {
    BarAccumulator whole = new BarAccumulator();
    QUOTES.forEach(whole::add);
    BarAccumulator late = new BarAccumulator();
    late.add(QUOTES.get(0));
    late.add(QUOTES.get(3));
    BarAccumulator early = new BarAccumulator();
    early.add(QUOTES.get(1));
    early.add(QUOTES.get(2));
    early.merge(late);
    early.merge(new BarAccumulator());
    assertThat(early.toBar("AAPL", MINUTE)).isEqualTo(whole.toBar("AAPL", MINUTE));
  }
}
