package dev.trii.benchmarks.ingest;

import dev.trii.benchmarks.support.Cursor;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.QuoteValidator;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one raw record through the ingestion job's record-level validation (parse the payload, then every record rule
 * with the platform's default thresholds), outside Flink. The records are the market simulator's, 5 symbols at 60
 * quotes a minute with its default fault rate (0.2 % bad records of every reason), so the mix of accepted and
 * rejected records is the job's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuoteValidationBenchmark {

  private static final int RECORDS = 1 << 16;

  private final QuoteValidator validator = QuoteValidator.of(IngestionRules.defaults());
  private RawRecord[] records;

  @Setup
  public void simulateMarket() {
    MarketSimulator simulator = new MarketSimulator(
        SimulatorSpec.defaults(List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM"), LocalDate.of(2024, 3, 4), 1));
    records = new RawRecord[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      records[i] = simulator.record(i % simulator.totalRecords()).toRaw();
    }
  }

  @Benchmark
  public QuoteValidator.Outcome validate(Cursor cursor) {
    return validator.validate(cursor.next(records));
  }
}
