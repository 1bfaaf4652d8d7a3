package dev.trii.ingestion.history;

/**
 * A symbol went silent for the configured span of open-market event time ({@code stale.after}); one row per silence
 * in {@code ingestion_events}, written when detected and again, with {@code resumedAt}, when the symbol is heard
 * from again.
 *
 * @param since event time of the symbol's last record before the silence, epoch milliseconds
 * @param detectedAt event time at which the silence reached the span
 * @param resumedAt event time of the symbol's next record, null while it is silent
 * @param source source kind of the symbol's records
 */
public record StaleSymbolEvent(String symbol, long since, long detectedAt, Long resumedAt, String source,
    String detail) {

  /** Event kind in {@code ingestion_events}. */
  public static final String KIND = "SYMBOL_STALE";
}
