package dev.trii.ingestion.history;

import java.util.Arrays;

/**
 * The identities of one symbol's quotes in one second of event time: event time, sequence and content hash
 * ({@link QuoteIdentity}). A bucket of the duplicate check's state, dropped as a whole once the watermark is past its
 * TTL. A Flink POJO.
 */
public class SeenKeys {

  public long[] times = new long[8];
  public long[] seqs = new long[8];
  public long[] contents = new long[8];
  public int size;

  public SeenKeys() {}

  /** Adds the identity; false when it was already there. */
  public boolean add(long time, long seq, long content) {
    for (int i = 0; i < size; i++) {
      if (times[i] == time && seqs[i] == seq && contents[i] == content) {
        return false;
      }
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      seqs = Arrays.copyOf(seqs, size * 2);
      contents = Arrays.copyOf(contents, size * 2);
    }
    times[size] = time;
    seqs[size] = seq;
    contents[size] = content;
    size++;
    return true;
  }
}
