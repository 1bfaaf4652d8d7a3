package dev.trii.ingestion;

import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * An operator's counts, kept once and seen three ways: as Flink counters (metrics), as accumulators (the run summary)
 * and as checkpointed operator state. A restarted job restores the counts of its last checkpoint and replays the
 * records after it, so the final accumulators count every record exactly once even across restarts.
 *
 * <p>Use: {@link #restore} in {@code initializeState}, {@link #register} in {@code open}, {@link #snapshot} in
 * {@code snapshotState}. Not thread-safe: the task thread counts, reporters only read.
 */
public final class Tallies {

  private final List<String> names;
  private final ListState<long[]> state;
  private final LongCounter[] counts;

  private Tallies(List<String> names, ListState<long[]> state, LongCounter[] counts) {
    this.names = names;
    this.state = state;
    this.counts = counts;
  }

  /**
   * The counts of {@code names}, held in the operator list state {@code stateName} (distinct per operator): after a
   * restore the sums of its entries (one per former subtask), on a fresh start zeros.
   */
  public static Tallies restore(OperatorStateStore store, String stateName, List<String> names) throws Exception {
    ListState<long[]> state = store.getListState(new ListStateDescriptor<>(stateName, long[].class));
    long[] sums = new long[names.size()];
    Iterable<long[]> entries = state.get();
    if (entries != null) {
      for (long[] entry : entries) {
        for (int i = 0; i < Math.min(sums.length, entry.length); i++) {
          sums[i] += entry[i];
        }
      }
    }
    LongCounter[] counts = new LongCounter[sums.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongCounter(sums[i]);
    }
    return new Tallies(List.copyOf(names), state, counts);
  }

  /**
   * Registers one accumulator per name and one counter in {@code group}, named as {@link IngestionMetrics#register}
   * says (rejects by reason as one labelled counter); every counter exists from the start, at zero.
   */
  public void register(RuntimeContext context, MetricGroup group) {
    for (int i = 0; i < counts.length; i++) {
      context.addAccumulator(names.get(i), counts[i]);
      IngestionMetrics.register(group, names.get(i), new CounterView(counts[i]));
    }
  }

  public void add(int index) {
    counts[index].add(1L);
  }

  public void add(int index, long amount) {
    counts[index].add(amount);
  }

  /** Replaces the state's content with these counts. */
  public void snapshot() throws Exception {
    long[] values = new long[counts.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = counts[i].getLocalValuePrimitive();
    }
    state.update(List.of(values));
  }

  /** A Flink counter that reads an accumulator, so each record is counted once. */
  private record CounterView(LongCounter count) implements Counter {
    @Override
    public void inc() {
      count.add(1L);
    }

    @Override
    public void inc(long n) {
      count.add(n);
    }

    @Override
    public void dec() {
      count.add(-1L);
    }

    @Override
    public void dec(long n) {
      count.add(-n);
    }

    @Override
    public long getCount() {
      return count.getLocalValuePrimitive();
    }
  }
}
