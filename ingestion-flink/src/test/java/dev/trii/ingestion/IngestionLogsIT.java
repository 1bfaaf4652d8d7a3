package dev.trii.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.logging.LogEventJson;
import dev.trii.core.logging.TriiLogEncoder;
import dev.trii.core.testing.TestDatabase;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.SimulatorSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The ingestion job's log lines in the process that runs it (the launcher), in JSON: they belong to the service
 * trii-ingestion and carry the Flink job id as their correlation id.
 */
class IngestionLogsIT {

  private static final SimulatorSpec MARKET = new SimulatorSpec(List.of("AAPL"), LocalDate.of(2024, 1, 4), 1, 2, 42L,
      1.0, FaultRates.none(), InstrumentReference.builtIn().calendarNamed("us-equities"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose private static final TestDatabase db = TestDatabase.create();

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger flink = context.getLogger("org.apache.flink.runtime.taskmanager.Task");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private Level flinkLevel;

  @BeforeEach
  void captureJsonLines() {
    TriiLogEncoder encoder = new TriiLogEncoder();
    encoder.setContext(context);
    encoder.setService("trii-launcher");
    encoder.setFormat("json");
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    flinkLevel = flink.getLevel();
    flink.setLevel(Level.INFO); // the tasks' state changes: Flink's own lines from the job's threads
  }

  @AfterEach
  void detach() {
    flink.setLevel(flinkLevel);
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
  }

  @Test
  void theJobsLinesAreTheIngestionsWithTheFlinkJobIdAsCorrelationId() {
    String jobId;
    try (IngestionRunner.Running running = IngestionRunner.start(LocalRun.simulator(MARKET), db.coordinates(),
        line -> { })) {
      jobId = running.jobId();
      assertThat(running.await().result().read()).isEqualTo(MARKET.totalRecords());
    }

    List<JsonNode> ofTheJob = lines().stream()
        .filter(line -> line.get("metadata").get("logger").asText().startsWith("org.apache.flink")).toList();
    assertThat(ofTheJob).as("the tasks' state changes").isNotEmpty();
    assertThat(ofTheJob).allSatisfy(line -> {
      assertThat(line.get("service").asText()).isEqualTo(LogEventJson.INGESTION_SERVICE);
      assertThat(line.get("correlation_id").asText()).isEqualTo(jobId);
    });
    assertThat(ofTheJob).extracting(line -> line.get("message").asText())
        .anyMatch(message -> message.contains("switched from RUNNING to FINISHED"));
  }

  private List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      try {
        lines.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON line: " + line, e);
      }
    }
    return lines;
  }
}
