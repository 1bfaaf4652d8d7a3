package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** The simulator as a Flink source: the same records at any parallelism and after a restore from a checkpoint. */
class SimulatorSourceIT {

  private static final SimulatorSpec SPEC = SimulatorSpec.defaults(List.of("AAPL", "MSFT"), LocalDate.of(2024, 1, 2), 1)
      .withQuotesPerMinute(2)
      .withFaultRate(0.01);

  /** Reference → payload of every record the simulator produces. */
  private static Map<String, String> expected() {
    MarketSimulator simulator = new MarketSimulator(SPEC);
    Map<String, String> expected = new HashMap<>();
    for (long i = 0; i < simulator.totalRecords(); i++) {
      SimulatedRecord record = simulator.record(i);
      expected.put(record.reference(), record.payload());
    }
    return expected;
  }

  private static List<RawRecord> collect(DataStream<RawRecord> stream) throws Exception {
    List<RawRecord> records = new ArrayList<>();
    try (CloseableIterator<RawRecord> iterator = stream.executeAndCollect("simulator-source-test")) {
      iterator.forEachRemaining(records::add);
    }
    return records;
  }

  @Test
  void producesTheSameRecordsAtAnyParallelism() throws Exception {
    Map<String, String> expected = expected();
    for (int parallelism : new int[] {1, 3}) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
      List<RawRecord> records =
          collect(env.fromSource(SimulatorSource.of(SPEC), WatermarkStrategy.noWatermarks(), "simulator"));

      assertThat(records).as("parallelism %d", parallelism).hasSize(expected.size());
      Map<String, String> produced = new HashMap<>();
      records.forEach(record -> produced.put(record.reference(), record.payload()));
      assertThat(produced).as("parallelism %d", parallelism).isEqualTo(expected);
    }
  }

  @Test
  void continuesWithTheSameRecordsAfterRestoringACheckpoint() throws Exception {
    Configuration configuration = new Configuration();
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, configuration);
    env.enableCheckpointing(100);
    // slowed down so that checkpoints complete while records are still being produced
    DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(new SimulatorGeneratorFunction(SPEC),
        SPEC.totalRecords(), RateLimiterStrategy.perSecond(1500), TypeInformation.of(RawRecord.class));
    FailOnceAfterCheckpoint.FAILED.set(false);

    List<RawRecord> records = collect(env.fromSource(source, WatermarkStrategy.noWatermarks(), "simulator")
        .map(new FailOnceAfterCheckpoint())
        .returns(RawRecord.class));

    assertThat(FailOnceAfterCheckpoint.FAILED).isTrue();
    Map<String, String> expected = expected();
    // at least once: a record may come twice around the failure, but always as the very same record
    records.forEach(record -> assertThat(record.payload()).isEqualTo(expected.get(record.reference())));
    assertThat(records.stream().map(RawRecord::reference).distinct().count()).isEqualTo(expected.size());
  }

  /** Lets records through, and fails once after a checkpoint has completed and a few records have passed. */
  private static final class FailOnceAfterCheckpoint extends RichMapFunction<RawRecord, RawRecord>
      implements CheckpointListener {

    static final AtomicBoolean FAILED = new AtomicBoolean();

    private boolean checkpointCompleted;
    private long seen;

    @Override
    public RawRecord map(RawRecord record) {
      seen++;
      if (checkpointCompleted && seen > 200 && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after a completed checkpoint");
      }
      return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointCompleted = true;
    }
  }
}
