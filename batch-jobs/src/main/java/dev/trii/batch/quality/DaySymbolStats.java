package dev.trii.batch.quality;

import java.time.LocalDate;

/**
 * What ingestion left for one symbol on one trading date.
 *
 * @param sessionBars bars inside the regular session
 * @param quotes valid quotes (the sum of the day's bars' quote counts)
 * @param rejects records rejected for the symbol with an event time on that date
 */
public record DaySymbolStats(LocalDate tradingDate, String symbol, long sessionBars, long quotes, long rejects) {}
