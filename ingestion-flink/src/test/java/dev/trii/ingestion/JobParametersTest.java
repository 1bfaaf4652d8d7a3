package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.ingestion.source.SimulatorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
        "--quotes-per-minute", "12", "--seed", "7", "--trend-strength", "0.5", "--fault-rate", "0.01",
        "--timezone", "UTC", "--checkpoint-interval", "30s", "--batch-size", "1000", "--flush-interval", "50ms");

    assertThat(parameters.database()).isEqualTo(new DatabaseCoordinates("jdbc:postgresql://db:5432/trii", "u", "p"));
    SimulatorSpec spec = parameters.simulator();
    assertThat(spec.symbols()).containsExactly("AAPL", "MSFT");
    assertThat(spec.startDate()).isEqualTo(LocalDate.of(2024, 3, 4));
    assertThat(List.of(spec.tradingDays(), spec.quotesPerMinute())).containsExactly(3, 12);
    assertThat(spec.seed()).isEqualTo(7);
    assertThat(spec.trendStrength()).isEqualTo(0.5);
    assertThat(spec.faultRate()).isEqualTo(0.01);
    assertThat(spec.session().zone()).isEqualTo(ZoneId.of("UTC"));
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
        dev.trii.core.market.TradingSession.US_EQUITIES));
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
    assertThatThrownBy(() -> parameters(Map.of(), "--source", "kafka").source())
        .hasMessage("--source must be 'simulator', got 'kafka'");
    assertThatThrownBy(() -> parameters(Map.of(), "--fault-rate", "2").simulator()).hasMessageEndingWith("got 2.0");
  }
}
