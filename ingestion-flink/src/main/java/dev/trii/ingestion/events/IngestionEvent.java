package dev.trii.ingestion.events;

/**
 * Something the ingestion job noticed about the feed itself rather than about one record; one row in
 * {@code ingestion_events}, keyed by (kind, symbol, since), so a replay after a failure rewrites the same row.
 *
 * <ul>
 *   <li>{@link #SYMBOL_STALE}: a symbol sent nothing for {@code stale.after} of open-market event time. Written when
 *       detected, and again, with {@code resumedAt}, when the symbol is heard from again.
 *   <li>{@link #STREAM_GAP}: the stream's event time jumped further than {@code time.max-future} (a weekend the
 *       calendar does not know, an outage, a missing day of history) and a run of consistent records re-anchored it.
 *       Symbol {@value #WHOLE_STREAM}: the whole stream.
 * </ul>
 *
 * @param since event time the silence or gap began (the symbol's last record; the stream time before the jump),
 *     epoch milliseconds
 * @param detectedAt event time at which it was established (the silence reached the span; the record that completed
 *     the re-anchoring run)
 * @param resumedAt event time of the first record after it; null while a symbol is still silent
 * @param source source kind of the records (simulator, kafka, file)
 */
public record IngestionEvent(String kind, String symbol, long since, long detectedAt, Long resumedAt, String source,
    String detail) {

  /** A symbol went silent. */
  public static final String SYMBOL_STALE = "SYMBOL_STALE";
  /** The stream's event time jumped and was re-anchored. */
  public static final String STREAM_GAP = "STREAM_GAP";
  /** The symbol of events about the whole stream. */
  public static final String WHOLE_STREAM = "*";

  /** A stale-symbol event. */
  public static IngestionEvent stale(String symbol, long since, long detectedAt, Long resumedAt, String source,
      String detail) {
    return new IngestionEvent(SYMBOL_STALE, symbol, since, detectedAt, resumedAt, source, detail);
  }
}
