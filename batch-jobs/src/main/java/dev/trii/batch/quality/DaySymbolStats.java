package dev.trii.batch.quality;

import java.time.LocalDate;

/**
 * What ingestion left for one symbol on one trading date, as counted in {@code bars_1m}, {@code quote_rejects} and
 * {@code ingestion_events}.
 *
 * @param sessionBars bars inside the regular session
 * @param quotes valid quotes (the sum of the day's bars' quote counts)
 * @param rejects records rejected for the symbol with an event time on that date
 * @param duplicates the rejects with a duplicate reason ({@code duplicates.reasons} in quality.yaml)
 * @param outOfOrder the rejects with an out-of-order or late reason ({@code out_of_order.reasons})
 * @param staleEvents {@code SYMBOL_STALE} events of the symbol that began on that date; -1 when unknown (then
 *     {@link EvaluateQuality} makes no {@code stale_events} check)
 */
public record DaySymbolStats(LocalDate tradingDate, String symbol, long sessionBars, long quotes, long rejects,
    long duplicates, long outOfOrder, long staleEvents) {

  /** Valid quotes plus rejects: the denominator of every rate. */
  public long records() {
    return quotes + rejects;
  }
}
