package dev.trii.ingestion.bars;

import dev.trii.core.market.Bar;
import dev.trii.ingestion.IngestionMetrics;
import dev.trii.ingestion.Tallies;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a window's aggregate into the {@link Bar} of its symbol and minute. A window fires once when the watermark
 * passes its end, and again for each late quote within the allowed lateness (the bar is upserted with the new
 * values); the first firing counts as a bar emitted, later ones as bar updates (checkpointed {@link Tallies}).
 */
public final class EmitBar extends ProcessWindowFunction<BarAccumulator, Bar, String, TimeWindow>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private static final List<String> TALLIES = List.of(IngestionMetrics.BARS, IngestionMetrics.BAR_UPDATES);
  private static final ValueStateDescriptor<Boolean> FIRED = new ValueStateDescriptor<>("bar-fired", Boolean.class);

  private transient Tallies tallies;

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    tallies = Tallies.restore(context.getOperatorStateStore(), "emit-bar-tallies", TALLIES);
  }

  @Override
  public void open(OpenContext openContext) {
    tallies.register(getRuntimeContext(), getRuntimeContext().getMetricGroup().addGroup(IngestionMetrics.GROUP));
  }

  @Override
  public void process(String symbol, Context context, Iterable<BarAccumulator> aggregates, Collector<Bar> out)
      throws Exception {
    for (BarAccumulator aggregate : aggregates) {
      if (aggregate.quoteCount > 0) {
        out.collect(aggregate.toBar(symbol, context.window().getStart()));
        ValueState<Boolean> fired = context.windowState().getState(FIRED);
        if (fired.value() == null) {
          fired.update(Boolean.TRUE);
          tallies.add(0);
        } else {
          tallies.add(1);
        }
      }
    }
  }

  @Override
  public void clear(Context context) {
    context.windowState().getState(FIRED).clear();
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    tallies.snapshot();
  }
}
