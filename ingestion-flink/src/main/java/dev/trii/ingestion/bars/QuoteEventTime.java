package dev.trii.ingestion.bars;

import dev.trii.core.market.Quote;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of a quote, and the watermark strategy for quotes out of order by a bounded amount. */
public final class QuoteEventTime implements SerializableTimestampAssigner<Quote> {

  private static final long serialVersionUID = 1L;

  @Override
  public long extractTimestamp(Quote quote, long recordTimestamp) {
    return quote.eventTime();
  }

  /** Watermarks trailing the highest event time seen by {@code maxOutOfOrderness}. */
  public static WatermarkStrategy<Quote> watermarks(Duration maxOutOfOrderness) {
    return WatermarkStrategy.<Quote>forBoundedOutOfOrderness(maxOutOfOrderness)
        .withTimestampAssigner(new QuoteEventTime());
  }
}
