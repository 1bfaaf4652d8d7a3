package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.Silences;
import dev.trii.ingestion.source.SimulatedFault;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.testing.SimulatedOutcome;
import dev.trii.ingestion.testing.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The whole job on a local MiniCluster against real PostgreSQL, over a simulated market with every kind of fault and
 * silent symbols: each record ends up exactly where the simulator says (each reject under its own reference with the
 * injected fault's reason, each accepted quote stored), bars equal SQL over the stored quotes, each silence raises one
 * stale-symbol event, and a second run of the same market changes nothing.
 */
class IngestionRunnerIT {

  /** Two days, 3% faults of every kind, one silence per symbol and day on average. */
  private static final SimulatorSpec MARKET = new SimulatorSpec(List.of("AAPL", "MSFT", "NVDA"),
      LocalDate.of(2024, 1, 4), 2, 12, 42L, 1.0, FaultRates.uniform(0.03).withSilence(0.7, 12),
      InstrumentReference.builtIn().calendarNamed("us-equities"));

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  @Test
  void ingestsEveryRecordOnceAndAReplayChangesNothing() {
    List<String> progress = new ArrayList<>();
    IngestionResult first = IngestionRunner.runLocal(MARKET, db.coordinates(), line -> {
      progress.add(line);
      System.out.println(line);
    });

    SimulatedOutcome expected = SimulatedOutcome.of(MARKET);
    // counts add up and agree with the simulator
    assertThat(first.read()).isEqualTo(MARKET.totalRecords()).isEqualTo(first.valid() + first.rejectedTotal());
    assertThat(first.rejected()).isEqualTo(expected.rejectsByReason());
    assertThat(first.rejected().keySet()).as("every reason but UNKNOWN_SYMBOL (no reference list) occurs")
        .isEqualTo(EnumSet.complementOf(EnumSet.of(RejectReason.UNKNOWN_SYMBOL)));
    assertThat(first.valid()).isEqualTo(expected.valid());
    assertThat(first.locked()).isEqualTo(expected.locked()).isPositive();

    // record by record
    assertThat(Tables.rejects(db)).isEqualTo(expected.rejects());
    assertThat(Tables.quoteKeys(db)).isEqualTo(expected.quoteKeys());
    assertThat(db.count("quotes where locked")).isEqualTo(expected.locked());
    assertThat(db.count("quote_rejects where source = 'simulator' and raw_payload <> '' and detail <> ''"))
        .isEqualTo(first.rejectedTotal());

    // bars: one per symbol and minute with quotes, equal to SQL over the stored quotes, also where out-of-order
    // quotes arrived after their bar had fired
    assertThat(first.bars()).isEqualTo(db.count("bars_1m"))
        .isEqualTo(db.jdbc().queryForObject(
            "select count(distinct (symbol, date_trunc('minute', event_time))) from quotes", Long.class));
    assertThat(db.jdbc().queryForObject("select sum(quote_count) from bars_1m", Long.class)).isEqualTo(first.valid());
    assertThat(Tables.barsDifferingFromSqlOverQuotes(db)).isZero();

    // one stale-symbol event per silence, from the symbol's last quote before it to its first after it
    Silences silences = new MarketSimulator(MARKET).silences();
    assertThat(silences.all()).hasSizeGreaterThan(2);
    assertThat(first.staleEvents()).isEqualTo(silences.all().size());
    assertThat(db.count("ingestion_events where kind = 'SYMBOL_STALE' and resumed_at is not null"))
        .isEqualTo(silences.all().size());
    for (Silences.Silence silence : silences.all()) {
      long silentFrom = MARKET.calendar().openOf(silence.date()) + silence.startMinute() * 60_000L;
      long silentTo = silentFrom + silence.minutes() * 60_000L;
      assertThat(db.count("ingestion_events where symbol = '" + silence.symbol() + "'"
          + " and since between " + ts(silentFrom - 60_000) + " and " + ts(silentFrom)
          + " and detected_at = since + interval '5 minutes'"
          + " and resumed_at between " + ts(silentTo) + " and " + ts(silentTo + 60_000)))
          .as("event of %s", silence).isOne();
    }
    assertThat(progress.get(0)).startsWith("ingesting 3 symbols × 2 trading days");

    String before = Tables.fullFingerprint(db);
    IngestionResult second = IngestionRunner.runLocal(MARKET, db.coordinates(), System.out::println);
    assertThat(second).usingRecursiveComparison().ignoringFields("took").isEqualTo(first);
    assertThat(Tables.fullFingerprint(db)).isEqualTo(before);
  }

  @Test
  void theLastDayIngestedOnItsOwnAfterTheOthersLeavesTheTablesOfOneRun() {
    SimulatorSpec firstDay = new SimulatorSpec(MARKET.symbols(), MARKET.startDate(), 1, MARKET.quotesPerMinute(),
        MARKET.seed(), MARKET.imbalanceEffect(), MARKET.faults(), MARKET.calendar());
    try (TestDatabase split = TestDatabase.create()) {
      IngestionResult before = IngestionRunner.runLocal(firstDay, split.coordinates(), System.out::println);
      List<String> progress = new ArrayList<>();
      IngestionResult last = IngestionRunner.run(LocalRun.simulatorFromDay(MARKET, 1, 0), split.coordinates(),
          progress::add);

      // the simulation's own records of the second day, every one where a single run puts it
      SimulatedOutcome expected = SimulatedOutcome.of(MARKET);
      assertThat(before.read() + last.read()).isEqualTo(MARKET.totalRecords());
      assertThat(last.read()).isEqualTo(MARKET.totalRecords() - new MarketSimulator(MARKET).firstRecordOfDay(1));
      assertThat(Tables.rejects(split)).isEqualTo(expected.rejects());
      assertThat(Tables.quoteKeys(split)).isEqualTo(expected.quoteKeys());
      assertThat(split.count("bars_1m")).isEqualTo(before.bars() + last.bars())
          .isEqualTo(split.jdbc().queryForObject(
              "select count(distinct (symbol, date_trunc('minute', event_time))) from quotes", Long.class));
      assertThat(Tables.barsDifferingFromSqlOverQuotes(split)).isZero();
      assertThat(before.staleEvents() + last.staleEvents())
          .isEqualTo(new MarketSimulator(MARKET).silences().all().size());
      assertThat(progress.get(0))
          .startsWith("ingesting trading day " + MARKET.tradingDates().get(1) + " on of 3 symbols");
    }
  }

  @Test
  void faultsOfEveryKindAreInjected() {
    // the oracle above is only as good as the faults behind it: each kind must actually occur
    SimulatedOutcome expected = SimulatedOutcome.of(MARKET);
    MarketSimulator simulator = new MarketSimulator(MARKET);
    EnumSet<SimulatedFault> seen = EnumSet.noneOf(SimulatedFault.class);
    for (long i = 0; i < simulator.totalRecords(); i++) {
      if (simulator.record(i).faulty()) {
        seen.add(simulator.record(i).fault());
      }
    }
    assertThat(seen).isEqualTo(FaultRates.UNIFORM_KINDS);
    assertThat(expected.rejects()).hasSizeGreaterThan(500);
  }

  private static String ts(long epochMillis) {
    return "timestamptz '" + java.time.Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC) + "'";
  }
}
