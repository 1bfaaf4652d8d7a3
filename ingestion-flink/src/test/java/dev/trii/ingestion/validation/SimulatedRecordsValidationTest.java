package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.Quote;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.SimulatedRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator and validation agree: clean records become exactly their quotes, each fault its reject reason. */
class SimulatedRecordsValidationTest {

  @Test
  void acceptsCleanRecordsAndRejectsEachFaultWithItsReason() {
    SimulatorSpec spec = SimulatorSpec.defaults(List.of("AAPL", "MSFT"), LocalDate.of(2024, 1, 2), 1)
        .withQuotesPerMinute(10).withFaultRate(0.05);
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
        assertThat(quote).isEqualTo(new Quote(record.symbol(), record.eventTime(), record.seq(), record.bid(),
            record.ask(), record.bidSize(), record.askSize(), record.last(), record.volume(), record.locked(),
            SimulatedRecord.SOURCE));
        locked += quote.locked() ? 1 : 0;
      }
    }
    assertThat(faults).isGreaterThan(300);
    assertThat(locked).isPositive();
  }
}
