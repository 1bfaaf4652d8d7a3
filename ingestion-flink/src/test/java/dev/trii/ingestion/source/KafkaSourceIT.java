package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.RejectReason;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.LocalRun;
import dev.trii.ingestion.testing.KafkaBroker;
import dev.trii.ingestion.testing.SimulatedOutcome;
import dev.trii.ingestion.testing.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job reading JSON quotes from a real Kafka broker (KRaft, in this JVM): a topic of two partitions keyed by
 * symbol, records with every kind of fault plus a tombstone and bytes that are not text. The job runs unbounded until
 * the group's committed offsets reach the end of the topic, is cancelled, and a second run over more records starts
 * from those offsets: each record is read once, and rows and rejects are exactly what the simulator says.
 */
class KafkaSourceIT {

  private static final String TOPIC = "quotes";
  private static final String GROUP = "trii-ingestion-it";
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "JPM");

  @TempDir static Path dir;
  @AutoClose private static final TestDatabase db = TestDatabase.create();
  private static KafkaBroker broker;

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.start(dir);
    broker.createTopic(TOPIC, 2);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static SimulatorSpec day(LocalDate date) {
    return new SimulatorSpec(SYMBOLS, date, 1, 6, 11L, 1.0, FaultRates.uniform(0.03), InstrumentReference.builtIn().calendarNamed("us-equities"));
  }

  /** The simulator's records as Kafka records keyed by symbol (each symbol stays in one partition, in order). */
  private static List<byte[][]> records(SimulatorSpec spec) {
    MarketSimulator simulator = new MarketSimulator(spec);
    List<byte[][]> records = new ArrayList<>();
    for (long i = 0; i < simulator.totalRecords(); i++) {
      SimulatedRecord record = simulator.record(i);
      records.add(new byte[][] {record.quote().symbol().getBytes(StandardCharsets.UTF_8),
          record.payload().getBytes(StandardCharsets.UTF_8)});
    }
    return records;
  }

  private static LocalRun run(boolean bounded) {
    KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), List.of(TOPIC), GROUP,
        KafkaSettings.StartingOffsets.COMMITTED, bounded, Map.of());
    return LocalRun.of(KafkaQuoteSource.of(settings), "topic " + TOPIC, -1)
        .withSourceParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(300));
  }

  @Test
  void ingestsTheTopicOnceAndResumesFromTheCommittedOffsets() throws Exception {
    SimulatorSpec first = day(LocalDate.of(2024, 5, 6));
    List<byte[][]> firstRecords = new ArrayList<>(records(first));
    firstRecords.add(new byte[][] {"AAPL".getBytes(StandardCharsets.UTF_8), null});
    firstRecords.add(new byte[][] {"MSFT".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 0}});
    broker.produce(TOPIC, firstRecords);
    Map<TopicPartition, Long> end = broker.endOffsets(TOPIC, 2);

    // unbounded: runs until cancelled; wait until every record is stored and the offsets are committed
    SimulatedOutcome expected = SimulatedOutcome.of(first);
    IngestionResult running;
    try (IngestionRunner.Running job = IngestionRunner.start(run(false), db.coordinates(), System.out::println)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!(db.count("quotes") == expected.valid() && broker.committedOffsets(GROUP).equals(end))) {
        assertThat(System.nanoTime()).as("all records stored and offsets committed within 90 s").isLessThan(deadline);
        Thread.sleep(250);
      }
      running = job.current();
    }
    assertThat(running.read()).isEqualTo(firstRecords.size()).isEqualTo(running.valid() + running.rejectedTotal());
    Map<RejectReason, Long> rejects = new EnumMap<>(expected.rejectsByReason());
    rejects.merge(RejectReason.MALFORMED, 2L, Long::sum); // the tombstone and the bytes that are not JSON
    assertThat(Tables.rejectsByReason(db)).isEqualTo(rejects);
    assertThat(Tables.quoteKeys(db)).isEqualTo(expected.quoteKeys());
    assertThat(db.count("quote_rejects where reject_key like 'kafka:quotes:_:%' and source = 'kafka'"))
        .isEqualTo(firstRecords.size() - expected.valid());
    assertThat(db.count("quotes where source = 'kafka'")).isEqualTo(expected.valid());

    // more records; a bounded run resumes at the committed offsets: only the new records are read
    SimulatorSpec second = day(LocalDate.of(2024, 5, 7));
    List<byte[][]> secondRecords = records(second);
    broker.produce(TOPIC, secondRecords);
    IngestionResult resumed = IngestionRunner.run(run(true), db.coordinates(), System.out::println);

    SimulatedOutcome expectedSecond = SimulatedOutcome.of(second);
    assertThat(resumed.read()).isEqualTo(secondRecords.size());
    assertThat(resumed.rejected()).isEqualTo(expectedSecond.rejectsByReason());
    Set<String> allQuotes = new HashSet<>(expected.quoteKeys());
    allQuotes.addAll(expectedSecond.quoteKeys());
    assertThat(Tables.quoteKeys(db)).isEqualTo(allQuotes);
    assertThat(db.count("quote_rejects")).isEqualTo(firstRecords.size() - expected.valid()
        + secondRecords.size() - expectedSecond.valid());
    // bars: all there and right, except the minute each symbol had open when the unbounded job was cancelled
    // without a savepoint (window state is not carried over by committed offsets)
    assertThat(Tables.minutesWithoutBar(db)).containsExactly("AAPL 2024-05-06T19:59", "JPM 2024-05-06T19:59",
        "MSFT 2024-05-06T19:59", "NVDA 2024-05-06T19:59");
    db.jdbc().update("delete from quotes where event_time >= '2024-05-06 19:59:00+00' and event_time < "
        + "'2024-05-06 20:00:00+00'");
    assertThat(Tables.barsDifferingFromSqlOverQuotes(db)).isZero();
  }
}
