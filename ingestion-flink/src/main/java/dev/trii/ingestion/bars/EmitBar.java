package dev.trii.ingestion.bars;

import dev.trii.core.market.Bar;
import dev.trii.ingestion.IngestionMetrics;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's aggregate into the {@link Bar} of its symbol and minute, and counts the bars emitted. */
public final class EmitBar extends ProcessWindowFunction<BarAccumulator, Bar, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private transient Counter emitted;
  private transient LongCounter emittedTotal;

  @Override
  public void open(OpenContext openContext) {
    emitted = getRuntimeContext().getMetricGroup().addGroup(IngestionMetrics.GROUP).counter(IngestionMetrics.BARS);
    emittedTotal = new LongCounter();
    getRuntimeContext().addAccumulator(IngestionMetrics.BARS, emittedTotal);
  }

  @Override
  public void process(String symbol, Context context, Iterable<BarAccumulator> aggregates, Collector<Bar> out) {
    for (BarAccumulator aggregate : aggregates) {
      if (aggregate.quoteCount > 0) {
        out.collect(aggregate.toBar(symbol, context.window().getStart()));
        emitted.inc();
        emittedTotal.add(1L);
      }
    }
  }
}
