package dev.trii.batch.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything one trading day's analyst report shows, gathered by {@link DailyReportBuilder} and rendered by
 * {@link ReportRenderer}: what changed since the previous trading day with data, each symbol's day, the data quality
 * and the model.
 *
 * @param date the trading date reported on
 * @param windowStart the span of market data it covers: the earliest session start of the date over the symbols
 *     reported (the UTC day when none is)
 * @param windowEnd the latest session end of the date over the symbols reported (exclusive)
 * @param generatedAt when the report was built
 * @param previousDate the previous trading day with data, compared with; null when there is none
 * @param changes the "what changed since yesterday" lines
 * @param symbols the symbols with bars on the date, in order
 */
public record DailyReport(LocalDate date, Instant windowStart, Instant windowEnd, Instant generatedAt,
    LocalDate previousDate, List<Change> changes, List<SymbolDay> symbols, QualityDay quality, ModelDay model) {

  public DailyReport {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    changes = List.copyOf(changes);
    symbols = List.copyOf(symbols);
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(model, "model");
  }

  /** True when no symbol has bars on the date. */
  public boolean noMarketData() {
    return symbols.isEmpty();
  }
}
