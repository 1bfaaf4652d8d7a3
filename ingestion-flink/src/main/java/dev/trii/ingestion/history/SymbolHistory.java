package dev.trii.ingestion.history;

/**
 * What the per-symbol checks remember about one symbol (keyed state): the spike window and memory of recent accepted
 * log mids and the liveness of the symbol for stale detection. A Flink POJO (public fields, no-argument constructor), so it is
 * serialized without Kryo.
 */
public class SymbolHistory {

  /** Sentinel for "no time". */
  public static final long NONE = Long.MIN_VALUE;

  /** Ring buffer of the log mids of the last accepted quotes; null until the first one. */
  public double[] logMids;
  /** The same values, sorted ascending (the first {@code size} entries): the median without sorting. */
  public double[] sortedMids;
  /** Values in the ring. */
  public int size;
  /** Next slot the ring writes. */
  public int next;
  /** Ring buffer of the log mids of the last {@code spike.memory} accepted quotes: the levels recently traded. */
  public double[] memory;
  /** The same values, sorted ascending (the first {@code memorySize} entries): the nearest level by binary search. */
  public double[] sortedMemory;
  /** Values in the memory ring. */
  public int memorySize;
  /** Next slot the memory ring writes. */
  public int memoryNext;
  /** Highest event time of an accepted quote. */
  public long lastAccepted = NONE;
  /** Spikes rejected in a row. */
  public int consecutiveSpikes;

  /** Highest event time of any record of the symbol that reached the per-symbol checks. */
  public long lastSeen = NONE;
  /** Source kind of the last record (for the event rows). */
  public String lastSource;
  /** Event time of the pending stale-check timer. */
  public long staleTimer = NONE;
  /** While the symbol is stale: the event time its silence began. */
  public long staleSince = NONE;
  /** While the symbol is stale: when the silence reached the configured span. */
  public long staleDetected = NONE;

  public SymbolHistory() {}
}
