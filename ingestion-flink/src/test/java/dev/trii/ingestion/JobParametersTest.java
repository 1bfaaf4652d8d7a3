package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.ingestion.source.SimulatorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's command-line settings: parsed, defaulted, layered over a file and the environment, bad values named. */
class JobParametersTest {

  private static JobParameters parameters(Map<String, String> environment, String... args) {
    return new JobParameters(ParameterTool.fromArgs(args), environment);
  }

  @Test
  void readsSimulatorAndDatabaseSettingsFromArguments() {
    JobParameters parameters = parameters(Map.of(), "--db.url", "jdbc:postgresql://db:5432/trii", "--db.user", "u",
        "--db.password", "p", "--symbols", "AAPL, MSFT", "--start-date", "2024-03-04", "--trading-days", "3",
        "--quotes-per-minute", "12", "--seed", "7", "--imbalance-effect", "0.5", "--fault-rate", "0.01",
        "--checkpoint-interval", "30s", "--batch-size", "1000", "--flush-interval", "50ms");

    assertThat(parameters.database()).isEqualTo(new DatabaseCoordinates("jdbc:postgresql://db:5432/trii", "u", "p"));
    SimulatorSpec spec = parameters.simulator();
    assertThat(spec.symbols()).containsExactly("AAPL", "MSFT");
    assertThat(spec.startDate()).isEqualTo(LocalDate.of(2024, 3, 4));
    assertThat(List.of(spec.tradingDays(), spec.quotesPerMinute())).containsExactly(3, 12);
    assertThat(spec.seed()).isEqualTo(7);
    assertThat(spec.imbalanceEffect()).isEqualTo(0.5);
    assertThat(spec.faultRate()).isEqualTo(0.01);
    assertThat(spec.calendar().name()).isEqualTo("us-equities");
    assertThat(parameters.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(parameters.sinkSettings().batchSize()).isEqualTo(1000);
    assertThat(parameters.sinkSettings().flushInterval()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void defaultsEverythingButTheDatabaseAndFallsBackToTheEnvironmentForIt() {
    JobParameters parameters = parameters(Map.of("TRII_DB_URL", "jdbc:postgresql://env/trii", "TRII_DB_USER", "e"));
    assertThat(parameters.database()).isEqualTo(new DatabaseCoordinates("jdbc:postgresql://env/trii", "e", ""));
    assertThat(parameters.simulator()).isEqualTo(new SimulatorSpec(List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM"),
        LocalDate.of(2024, 1, 2), 1, 60, 42, 1.0, 0.002,
        dev.trii.core.instruments.InstrumentReference.builtIn().calendarNamed("us-equities")));
    assertThat(parameters.checkpointInterval()).isEqualTo(QuoteIngestionJob.DEFAULT_CHECKPOINT_INTERVAL);
    assertThat(parameters(Map.of(), "--checkpoint-interval", "0").checkpointInterval()).isZero();
  }

  @Test
  void argumentsWinOverThePropertiesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ingestion.properties");
    Files.writeString(file, "db.url=jdbc:postgresql://file/trii\ntrading-days=4\nseed=9\n");
    JobParameters parameters = JobParameters.fromArgs(new String[] {"--config", file.toString(), "--seed", "10"});
    assertThat(parameters.database().url()).isEqualTo("jdbc:postgresql://file/trii");
    assertThat(parameters.simulator().tradingDays()).isEqualTo(4);
    assertThat(parameters.simulator().seed()).isEqualTo(10);
  }

  @Test
  void namesTheBadValue() {
    assertThatThrownBy(() -> parameters(Map.of()).database()).hasMessageContaining("--db.url");
    assertThatThrownBy(() -> parameters(Map.of(), "--trading-days", "three").simulator())
        .hasMessage("--trading-days must be an integer, got 'three'");
    assertThatThrownBy(() -> parameters(Map.of(), "--start-date", "02/01/2024").simulator())
        .hasMessageContaining("'02/01/2024'");
    assertThatThrownBy(() -> parameters(Map.of(), "--checkpoint-interval", "often").checkpointInterval())
        .hasMessageContaining("'often'");
    assertThatThrownBy(() -> parameters(Map.of(), "--source", "ftp").source())
        .hasMessage("--source must be 'simulator', 'kafka' or 'file', got 'ftp'");
    assertThatThrownBy(() -> parameters(Map.of(), "--source", "kafka").source())
        .hasMessageContaining("--kafka.bootstrap-servers is required");
    assertThatThrownBy(() -> parameters(Map.of(), "--source", "file").source())
        .hasMessage("--file.path is required with --source file");
    assertThatThrownBy(() -> parameters(Map.of(), "--fault.teleport", "0.1").simulator())
        .hasMessageContaining("unknown fault kind");
    assertThatThrownBy(() -> parameters(Map.of(), "--rule.spike.window", "1").rules())
        .hasMessage("spike.window must be in [3, 1000], got 1");
    assertThatThrownBy(() -> parameters(Map.of(), "--kafka.starting-offsets", "newest", "--kafka.bootstrap-servers",
        "b:9092").kafka()).hasMessageContaining("'newest'");
    assertThatThrownBy(() -> parameters(Map.of(), "--fault-rate", "2").simulator()).hasMessageEndingWith("got 2.0");
  }

  @Test
  void readsKafkaFileRulesAndFaultSettings(@TempDir Path dir) throws Exception {
    JobParameters kafka = parameters(Map.of(), "--source", "kafka", "--kafka.bootstrap-servers", "b1:9092,b2:9092",
        "--kafka.topics", "quotes,quotes-eu", "--kafka.group-id", "g", "--kafka.starting-offsets", "earliest",
        "--kafka.bounded", "true", "--kafka.property.security.protocol", "SSL");
    assertThat(kafka.kafka()).isEqualTo(new dev.trii.ingestion.source.KafkaSettings("b1:9092,b2:9092",
        List.of("quotes", "quotes-eu"), "g", dev.trii.ingestion.source.KafkaSettings.StartingOffsets.EARLIEST, true,
        Map.of("security.protocol", "SSL")));
    assertThat(kafka.expectedRecords()).isEqualTo(-1);

    Path csv = dir.resolve("q.csv");
    Files.writeString(csv, "symbol,ts,bid,ask,bid_size,ask_size\nAAPL,1704205800000,1,2,1,1\n\n");
    JobParameters file = parameters(Map.of(), "--source", "file", "--file.path", csv.toString());
    assertThat(file.expectedRecords()).isOne();
    assertThat(file.describeSource()).isEqualTo("file " + csv.toAbsolutePath().normalize());

    Path rules = dir.resolve("rules.properties");
    Files.writeString(rules, "spread.max-bps=300\nstale.after=10min\n");
    JobParameters withRules = parameters(Map.of(), "--rules", rules.toString(), "--rule.stale.after", "2min");
    assertThat(withRules.rules().maxSpreadBps()).isEqualTo(300);
    assertThat(withRules.rules().staleAfterMs()).as("--rule.<key> wins over the file").isEqualTo(120_000);

    JobParameters faults = parameters(Map.of(), "--fault.duplicate", "0.01", "--fault.late-event", "0.02",
        "--silence-rate", "0.5", "--silence-minutes", "20");
    assertThat(faults.simulator().faults()).isEqualTo(new dev.trii.ingestion.source.FaultRates(Map.of(
        dev.trii.ingestion.source.SimulatedFault.DUPLICATE, 0.01,
        dev.trii.ingestion.source.SimulatedFault.LATE_EVENT, 0.02), 0.5, 20));
    assertThat(parameters(Map.of(), "--restart-attempts", "0").restartAttempts()).isZero();
    assertThat(parameters(Map.of()).restartAttempts()).isEqualTo(QuoteIngestionJob.DEFAULT_RESTART_ATTEMPTS);
    assertThat(parameters(Map.of(), "--parallelism", "4", "--source-parallelism", "2").sourceParallelism())
        .isEqualTo(2);
  }
}
