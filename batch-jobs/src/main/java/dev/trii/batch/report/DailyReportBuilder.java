package dev.trii.batch.report;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.accuracy.LiveAccuracy.Tally;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.registry.AliasChange;
import dev.trii.core.registry.ModelRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gathers one trading day's {@link DailyReport} from the database, the model registry and the live-accuracy counts:
 * the day's bars per symbol (each symbol's trading date in its own calendar), its data quality, the champion, and
 * what changed since the previous trading day with data. Also tells the report job which days have bars.
 */
public final class DailyReportBuilder {

  private final MarketQueries market;
  private final QualityQueries quality;
  private final ModelQueries models;
  private final Clock clock;

  /** A builder that reads the registry and the live counts as they are when it builds. */
  public DailyReportBuilder(DataSource dataSource, ModelRegistry registry, String modelName,
      InstrumentReference instruments) {
    this(dataSource, registry, modelName, instruments, Clock.systemUTC());
  }

  /**
   * A builder with a clock for the report's time of generation.
   *
   * @param modelName the platform's model ({@code Platform#modelName()})
   */
  public DailyReportBuilder(DataSource dataSource, ModelRegistry registry, String modelName,
      InstrumentReference instruments, Clock clock) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    this.market = new MarketQueries(jdbc, instruments);
    this.quality = new QualityQueries(jdbc, instruments);
    this.models = new ModelQueries(registry, modelName, new LiveAccuracy(dataSource));
    this.clock = clock;
  }

  /** The report of a trading date; a date without bars gives a report that says so. */
  public DailyReport build(LocalDate tradingDate) {
    Instant now = clock.instant();
    List<String> symbols = market.symbols();
    Optional<LocalDate> previous = market.previousDateWithBars(symbols, tradingDate);
    Map<String, Double> previousCloses = previous.map(date -> market.closes(date, symbols)).orElse(Map.of());
    List<SymbolDay> days = market.day(tradingDate, symbols, previousCloses);
    MarketQueries.Window window = market.window(tradingDate, days.stream().map(SymbolDay::symbol).toList());
    QualityDay qualityDay = quality.day(tradingDate, window.start(), window.end());
    List<AliasChange> championChanges = models.championChanges();
    ModelDay model = models.model(tradingDate, now, championChanges);

    WhatChanged.DayFacts today = today(tradingDate, days, qualityDay, model);
    List<Change> changes = previous.isEmpty() ? WhatChanged.between(today, null, List.of())
        : compare(today, previous.get(), previousCloses, championChanges);
    return new DailyReport(tradingDate, window.start(), window.end(), now, previous.orElse(null), changes, days,
        qualityDay, model);
  }

  /** The trading dates from {@code from} to {@code to} (both inclusive) on which some symbol has bars, in order. */
  public List<LocalDate> tradingDatesWithBars(LocalDate from, LocalDate to) {
    return market.datesWithBars(from, to);
  }

  /** The latest trading date on which some symbol has bars; empty before any bar. */
  public Optional<LocalDate> latestTradingDateWithBars() {
    return market.latestDateWithBars();
  }

  private static WhatChanged.DayFacts today(LocalDate date, List<SymbolDay> days, QualityDay qualityDay,
      ModelDay model) {
    Map<String, Double> closes = new LinkedHashMap<>();
    days.forEach(day -> closes.put(day.symbol(), day.close()));
    ModelDay.Champion champion = model.champion();
    return new WhatChanged.DayFacts(date, closes, qualityDay.rejects().byReason(), qualityDay.verdicts().size(),
        qualityDay.failing(), champion == null ? null : champion.number(),
        champion == null || champion.liveDay() == null ? null : champion.liveDay().hitRate());
  }

  private List<Change> compare(WhatChanged.DayFacts today, LocalDate previous, Map<String, Double> previousCloses,
      List<AliasChange> championChanges) {
    Instant previousEnd = market.window(previous, previousCloses.keySet()).end();
    List<QualityDay.Verdict> verdicts = quality.verdicts(previous);
    Set<String> failing = new TreeSet<>();
    verdicts.stream().filter(v -> !v.passed()).forEach(v -> failing.add(v.symbol() + " " + v.check()));
    Map<String, Long> rejects = new LinkedHashMap<>();
    quality.rejects(previous).forEach(count -> rejects.merge(count.reason(), count.rejects(), Long::sum));
    Tally live = today.champion() == null ? null : models.liveOn(today.champion(), previous);
    WhatChanged.DayFacts before = new WhatChanged.DayFacts(previous, previousCloses, rejects, verdicts.size(),
        failing, ModelQueries.championAt(championChanges, previousEnd), live == null ? null : live.hitRate());
    return WhatChanged.between(today, before, ModelQueries.movesAfter(championChanges, previousEnd));
  }
}
