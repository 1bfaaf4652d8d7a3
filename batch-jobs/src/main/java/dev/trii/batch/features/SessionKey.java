package dev.trii.batch.features;

import java.time.LocalDate;

/** One work unit of the features job: a symbol's bars of one trading date (in the symbol's own trading calendar). */
public record SessionKey(String symbol, LocalDate tradingDate) {}
