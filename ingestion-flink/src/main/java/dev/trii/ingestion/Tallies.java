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

  private final LongCounter[] counts;

  private Tallies(LongCounter[] counts) {
    this.counts = counts;
  }

  /** The operator list state holding the counts of one operator (distinct names per operator). */
  public static ListState<long[]> state(OperatorStateStore store, String name) throws Exception {
    return store.getListState(new ListStateDescriptor<>(name, long[].class));
  }

  /** The summed counts of a restored list state (one entry per former subtask), or zeros. */
  public static long[] restore(ListState<long[]> state, int size) throws Exception {
    long[] sums = new long[size];
    Iterable<long[]> entries = state.get();
    if (entries != null) {
      for (long[] entry : entries) {
        for (int i = 0; i < Math.min(size, entry.length); i++) {
          sums[i] += entry[i];
        }
      }
    }
    return sums;
  }

  /**
   * Registers one accumulator and one counter per name (counters in {@code group}), starting from {@code restored}.
   */
  public static Tallies register(RuntimeContext context, MetricGroup group, List<String> names, long[] restored) {
    LongCounter[] counts = new LongCounter[names.size()];
    for (int i = 0; i < counts.length; i++) {
      LongCounter count = new LongCounter(restored == null ? 0 : restored[i]);
      counts[i] = count;
      context.addAccumulator(names.get(i), count);
      group.counter(names.get(i), new CounterView(count));
    }
    return new Tallies(counts);
  }

  public void add(int index) {
    counts[index].add(1L);
  }

  public void add(int index, long amount) {
    counts[index].add(amount);
  }

  public long get(int index) {
    return counts[index].getLocalValuePrimitive();
  }

  /** Replaces the state's content with these counts. */
  public void snapshot(ListState<long[]> state) throws Exception {
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
