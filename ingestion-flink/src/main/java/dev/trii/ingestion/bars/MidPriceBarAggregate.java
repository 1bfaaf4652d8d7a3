package dev.trii.ingestion.bars;

import dev.trii.core.market.Quote;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental aggregation of a window's quotes into a {@link BarAccumulator}: constant state per symbol and minute. */
public final class MidPriceBarAggregate implements AggregateFunction<Quote, BarAccumulator, BarAccumulator> {

  private static final long serialVersionUID = 1L;

  @Override
  public BarAccumulator createAccumulator() {
    return new BarAccumulator();
  }

  @Override
  public BarAccumulator add(Quote quote, BarAccumulator accumulator) {
    accumulator.add(quote);
    return accumulator;
  }

  @Override
  public BarAccumulator getResult(BarAccumulator accumulator) {
    return accumulator;
  }

  @Override
  public BarAccumulator merge(BarAccumulator a, BarAccumulator b) {
    a.merge(b);
    return a;
  }
}
