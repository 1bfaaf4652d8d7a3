package dev.trii.ingestion.bars;

import dev.trii.core.market.Bar;
import dev.trii.core.market.Quote;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * One-minute bars from timestamped quotes: keyed by symbol, event-time tumbling minute windows, aggregated
 * incrementally. A window fires when the watermark passes the end of its minute; quotes later than that are not in
 * any bar (they are still stored as quotes).
 */
public final class MinuteBars {

  public static final String UID = "bars-1m";

  private MinuteBars() {}

  /** Bars of {@code quotes}, which must carry event-time timestamps and watermarks. */
  public static SingleOutputStreamOperator<Bar> of(DataStream<Quote> quotes) {
    return quotes
        .keyBy(new QuoteSymbol())
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(Bar.MINUTE_MILLIS)))
        .aggregate(new MidPriceBarAggregate(), new EmitBar())
        .name("1-minute bars")
        .uid(UID);
  }
}
