package dev.trii.ingestion.bars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import dev.trii.ingestion.IngestionMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bar window operator: quotes land in the minute of their event time; a bar fires when the watermark passes, is
 * updated by a late quote within the allowed lateness, and its state is gone once the lateness has passed.
 */
class MinuteBarsTest {

  private static final long T0 = 1_704_205_800_000L; // 2024-01-02T14:30:00Z
  private static final long MINUTE = Bar.MINUTE_MILLIS;
  private static final Duration LATENESS = Duration.ofSeconds(60);

  private KeyedOneInputStreamOperatorTestHarness<String, Quote, Bar> harness;

  private static Quote quote(String symbol, long eventTime, double bid, double ask) {
    return new Quote(symbol, eventTime, eventTime - T0, bid, ask, BigDecimal.valueOf(100), BigDecimal.valueOf(100),
        Double.NaN, BigDecimal.ZERO, false, "test", "");
  }

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<Quote> quotes = env.fromData(TypeInformation.of(Quote.class), quote("X", T0, 1, 2));
    OneInputTransformation<Quote, Bar> transformation =
        (OneInputTransformation<Quote, Bar>) MinuteBars.of(quotes, LATENESS).getTransformation();
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        (OneInputStreamOperator<Quote, Bar>) transformation.getOperator(),
        new QuoteSymbol(), TypeInformation.of(String.class));
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private long count(String name) {
    return harness.getOperator().getRuntimeContext().getLongCounter(name).getLocalValuePrimitive();
  }

  @Test
  void assignsQuotesToTheMinuteOfTheirEventTime() throws Exception {
    harness.processElement(quote("AAPL", T0, 10.00, 10.02), T0);
    harness.processElement(quote("AAPL", T0 + MINUTE - 1, 10.10, 10.12), T0 + MINUTE - 1);
    harness.processElement(quote("AAPL", T0 + MINUTE, 10.20, 10.22), T0 + MINUTE);
    harness.processElement(quote("MSFT", T0 + 30_000, 20.00, 20.02), T0 + 30_000);
    harness.processWatermark(T0 + 2 * MINUTE - 1);

    List<Bar> bars = harness.extractOutputValues();
    assertThat(bars).extracting(Bar::symbol, Bar::barTime, Bar::quoteCount).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("AAPL", T0, 2),
        org.assertj.core.groups.Tuple.tuple("MSFT", T0, 1),
        org.assertj.core.groups.Tuple.tuple("AAPL", T0 + MINUTE, 1));
    Bar first = bars.stream().filter(b -> b.symbol().equals("AAPL") && b.barTime() == T0).findFirst().orElseThrow();
    assertThat(first.open()).isEqualTo(10.01);
    assertThat(first.close()).isEqualTo(10.11);
    assertThat(count(IngestionMetrics.BARS)).isEqualTo(3);
  }

  @Test
  void emitsABarOnlyWhenTheWatermarkPassesTheEndOfItsMinute() throws Exception {
    harness.processElement(quote("AAPL", T0 + 10_000, 10.00, 10.02), T0 + 10_000);
    harness.processWatermark(T0 + MINUTE - 2);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark(T0 + MINUTE - 1);
    assertThat(harness.extractOutputValues()).extracting(Bar::barTime).containsExactly(T0);
  }

  @Test
  void updatesTheBarWithALateQuoteWithinTheAllowedLateness() throws Exception {
    harness.processElement(quote("AAPL", T0 + 10_000, 10.00, 10.02), T0 + 10_000);
    harness.processWatermark(T0 + MINUTE + 30_000);
    harness.processElement(quote("AAPL", T0 + 20_000, 11.00, 11.02), T0 + 20_000);

    assertThat(harness.extractOutputValues()).extracting(Bar::quoteCount, Bar::close)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 10.01), org.assertj.core.groups.Tuple.tuple(2, 11.01));
    assertThat(count(IngestionMetrics.BARS)).as("one bar").isOne();
    assertThat(count(IngestionMetrics.BAR_UPDATES)).isOne();
  }

  @Test
  void dropsWindowStateOnceTheAllowedLatenessHasPassed() throws Exception {
    harness.processElement(quote("AAPL", T0 + 10_000, 10.00, 10.02), T0 + 10_000);
    harness.processWatermark(T0 + MINUTE);
    assertThat(harness.numKeyedStateEntries()).isPositive();
    harness.processWatermark(T0 + MINUTE - 1 + LATENESS.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    harness.processElement(quote("AAPL", T0 + 20_000, 11.00, 11.02), T0 + 20_000);
    assertThat(harness.extractOutputValues()).extracting(Bar::quoteCount).containsExactly(1);
  }
}
