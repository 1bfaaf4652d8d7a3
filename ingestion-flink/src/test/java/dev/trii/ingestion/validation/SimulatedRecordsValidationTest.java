package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Quote;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatedFault;
import dev.trii.ingestion.source.SimulatedRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator and record-level validation agree: clean records become exactly their quotes, each record-level fault
 * its reject reason.
 */
class SimulatedRecordsValidationTest {

  @Test
  void acceptsCleanRecordsAndRejectsEachFaultWithItsReason() {
    // the faults a record shows on its own; the event-time and per-symbol ones need the job (IngestionRunnerIT)
    FaultRates recordFaults = FaultRates.none();
    for (SimulatedFault fault : List.of(SimulatedFault.CROSSED_QUOTE, SimulatedFault.NON_POSITIVE_PRICE,
        SimulatedFault.NON_FINITE_PRICE, SimulatedFault.NEGATIVE_SIZE, SimulatedFault.MALFORMED_JSON,
        SimulatedFault.MISSING_FIELD, SimulatedFault.INVALID_SYMBOL, SimulatedFault.WIDE_SPREAD)) {
      recordFaults = recordFaults.with(fault, 0.05 / 8);
    }
    SimulatorSpec spec = SimulatorSpec.defaults(List.of("AAPL", "MSFT"), LocalDate.of(2024, 1, 2), 1)
        .withQuotesPerMinute(10).withFaults(recordFaults);
    MarketSimulator simulator = new MarketSimulator(spec);
    QuoteValidator validator = QuoteValidator.standard();
    int faults = 0;
    int locked = 0;
    for (long i = 0; i < simulator.totalRecords(); i++) {
      SimulatedRecord record = simulator.record(i);
      QuoteValidator.Outcome outcome = validator.validate(record.toRaw());
      if (record.faulty()) {
        faults++;
        assertThat(outcome).as(record.payload()).isInstanceOf(QuoteValidator.Rejected.class);
        assertThat(((QuoteValidator.Rejected) outcome).reject().reason()).as(record.payload())
            .isEqualTo(record.fault().expectedReason());
      } else {
        assertThat(outcome).as(record.payload()).isInstanceOf(QuoteValidator.Accepted.class);
        Quote quote = ((QuoteValidator.Accepted) outcome).quote();
        assertThat(quote).isEqualTo(record.quote());
        locked += quote.locked() ? 1 : 0;
      }
    }
    assertThat(faults).isGreaterThan(300);
    assertThat(locked).isPositive();
  }
}
