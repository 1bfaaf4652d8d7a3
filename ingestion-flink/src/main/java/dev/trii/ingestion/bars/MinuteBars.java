package dev.trii.ingestion.bars;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * One-minute bars from timestamped quotes: keyed by symbol, event-time tumbling minute windows, aggregated
 * incrementally. A window fires when the watermark passes the end of its minute; a quote arriving later but within
 * the allowed lateness updates the bar (the window fires again); window state is dropped once the watermark passes
 * the end plus the allowed lateness. Validation rejects quotes later than that (LATE_EVENT) before they get here, so
 * every stored quote is in its bar.
 */
public final class MinuteBars {

  public static final String UID = "bars-1m";

  private MinuteBars() {}

  /** Bars of {@code quotes}, which must carry event-time timestamps and watermarks. */
  public static SingleOutputStreamOperator<Bar> of(DataStream<Quote> quotes, Duration allowedLateness) {
    return of(quotes.keyBy(new QuoteSymbol()), allowedLateness);
  }

  /** Bars of quotes already keyed by symbol. */
  public static SingleOutputStreamOperator<Bar> of(KeyedStream<Quote, String> quotes, Duration allowedLateness) {
    return quotes
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(Bar.MINUTE_MILLIS)))
        .allowedLateness(allowedLateness)
        .aggregate(new MidPriceBarAggregate(), new EmitBar())
        .name("1-minute bars")
        .uid(UID);
  }
}
