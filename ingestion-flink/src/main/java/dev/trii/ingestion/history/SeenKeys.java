package dev.trii.ingestion.history;

/**
 * The (event time, sequence) keys of one symbol's quotes in one second of event time: a bucket of the duplicate
 * check's state, dropped as a whole once the watermark is past its TTL. A Flink POJO.
 */
public class SeenKeys {

  public long[] times = new long[8];
  public long[] seqs = new long[8];
  public int size;

  public SeenKeys() {}

  /** Adds the key; false when it was already there. */
  public boolean add(long time, long seq) {
    for (int i = 0; i < size; i++) {
      if (times[i] == time && seqs[i] == seq) {
        return false;
      }
    }
    if (size == times.length) {
      times = java.util.Arrays.copyOf(times, size * 2);
      seqs = java.util.Arrays.copyOf(seqs, size * 2);
    }
    times[size] = time;
    seqs[size] = seq;
    size++;
    return true;
  }
}
