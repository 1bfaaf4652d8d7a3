package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.SimulatedFault;
import dev.trii.ingestion.source.SimulatorSource;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.testing.FailingSource;
import dev.trii.ingestion.testing.SimulatedOutcome;
import dev.trii.ingestion.testing.Tables;
import dev.trii.ingestion.validation.IngestionRules;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once effect under failures: a deterministic stream of 210,600 simulated quotes with every kind of fault
 * (and silent symbols) goes through the job twice, once without failures and once crashed at random points (4
 * injected failures, each restoring the whole job from its last checkpoint). Both databases must then hold exactly
 * the same rows, and both runs report the same counts.
 */
class FaultToleranceIT {

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM", "BRK.B");
  /** 6 symbols × 1 day × 390 minutes × 90 quotes, less silences. */
  private static final SimulatorSpec MARKET = new SimulatorSpec(SYMBOLS, LocalDate.of(2024, 2, 6), 1, 90, 7L, 1.0,
      FaultRates.uniform(0.01).with(SimulatedFault.UNKNOWN_SYMBOL, 0.0007).withSilence(0.5, 10),
      InstrumentReference.builtIn().calendarNamed("us-equities"));
  private static final IngestionRules RULES =
      IngestionRules.defaults().with(IngestionRules.SYMBOLS_REFERENCE, String.join(",", SYMBOLS));

  @AutoClose private static final TestDatabase undisturbed = TestDatabase.create();
  @AutoClose private static final TestDatabase crashed = TestDatabase.create();

  private static LocalRun run(boolean failing) {
    return LocalRun.of(failing ? FailingSource.wrap(SimulatorSource.of(MARKET)) : SimulatorSource.of(MARKET),
            MARKET.describe(), MARKET.totalRecords())
        .withRules(RULES)
        .withCheckpointInterval(Duration.ofMillis(300))
        .withRestarts(10, Duration.ofMillis(100));
  }

  @Test
  void crashesAtRandomPointsLeaveExactlyTheRowsOfAFailureFreeRun() {
    assertThat(MARKET.totalRecords()).isGreaterThanOrEqualTo(200_000);

    IngestionResult expected = IngestionRunner.run(run(false), undisturbed.coordinates(), System.out::println);
    FailingSource.arm(4, 25_000, 55_000, 20240206L);
    IngestionResult result = IngestionRunner.run(run(true), crashed.coordinates(), System.out::println);

    assertThat(FailingSource.failures()).as("injected failures").isGreaterThanOrEqualTo(3);
    // the failure-free run is itself right: every record where the simulator says
    SimulatedOutcome outcome = SimulatedOutcome.of(MARKET);
    assertThat(Tables.rejects(undisturbed)).isEqualTo(outcome.rejects());
    assertThat(expected.rejected().keySet()).isEqualTo(EnumSet.allOf(RejectReason.class));
    assertThat(expected.staleEvents()).isPositive();

    // the crashed run: same counts, same rows
    assertThat(result).usingRecursiveComparison().ignoringFields("took").isEqualTo(expected);
    assertThat(result.read()).isEqualTo(result.valid() + result.rejectedTotal());
    assertThat(crashed.count("quotes")).isEqualTo(undisturbed.count("quotes")).isEqualTo(expected.valid());
    assertThat(Tables.rejectsByReason(crashed)).isEqualTo(Tables.rejectsByReason(undisturbed))
        .isEqualTo(expected.rejected());
    assertThat(crashed.count("bars_1m")).isEqualTo(undisturbed.count("bars_1m")).isEqualTo(expected.bars());
    assertThat(crashed.count("ingestion_events")).isEqualTo(undisturbed.count("ingestion_events"))
        .isEqualTo(expected.staleEvents());
    assertThat(Tables.fingerprint(crashed)).as("every value of every row").isEqualTo(Tables.fingerprint(undisturbed));
  }
}
