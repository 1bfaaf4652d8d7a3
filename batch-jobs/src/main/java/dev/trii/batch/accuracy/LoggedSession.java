package dev.trii.batch.accuracy;

import java.time.LocalDate;

/** One work unit of the live-accuracy job: a symbol's trading date with logged predictions still to decide. */
public record LoggedSession(String symbol, LocalDate tradingDate) {}
