package dev.trii.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.config.LogFormat;
import dev.trii.core.config.TriiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The platform's log lines as a log pipeline reads them: JSON objects in the handbook's shape, or text. */
class TriiLogEncoderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Logger logger;

  @AfterEach
  void detach() {
    MDC.clear();
    logger.detachAndStopAllAppenders();
  }

  @Test
  void writesEveryFieldOfTheHandbooksShapeOnOneLine() throws Exception {
    Logger log = logger("json");
    Instant before = Instant.now();
    MDC.put(CorrelationId.KEY, "run-42");
    MDC.put("pipelineTask", "train");

    log.atInfo().addKeyValue("model_version", 7).addKeyValue("model_name", "trii-direction")
        .log("trii-direction v{}: gate PASSED", 7);

    List<String> lines = lines();
    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(fieldNames(line)).containsExactly("timestamp", "level", "service", "correlation_id", "message",
        "metadata");
    assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(Instant.parse(line.get("timestamp").asText())).isBetween(before.minusMillis(1), Instant.now());
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("service").asText()).isEqualTo("trii-test");
    assertThat(line.get("correlation_id").asText()).isEqualTo("run-42");
    assertThat(line.get("message").asText()).isEqualTo("trii-direction v7: gate PASSED");
    JsonNode metadata = line.get("metadata");
    assertThat(metadata.get("logger").asText()).isEqualTo("dev.trii.example");
    assertThat(metadata.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(metadata.get("pipelineTask").asText()).isEqualTo("train");
    assertThat(metadata.get("model_version").isNumber()).isTrue();
    assertThat(metadata.get("model_version").asInt()).isEqualTo(7);
    assertThat(metadata.get("model_name").asText()).isEqualTo("trii-direction");
    assertThat(metadata.has("correlation_id")).as("only once, at the top").isFalse();
    assertThat(metadata.has("exception")).isFalse();
  }

  @Test
  void leavesTheCorrelationIdOutWhenTheWorkHasNone() throws Exception {
    logger("json").warn("scheduler heartbeat failed: {}", "connection refused");

    JsonNode line = JSON.readTree(lines().get(0));
    assertThat(line.has("correlation_id")).isFalse();
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("message").asText()).isEqualTo("scheduler heartbeat failed: connection refused");
  }

  @Test
  void serializesTheExceptionWithItsStackTraceAndCausesInOneLine() throws Exception {
    IllegalStateException failure = new IllegalStateException("the run failed",
        new SQLException("connection \"refused\"\nby the server"));

    logger("json").error("pipeline run 42 failed in the scheduler", failure);

    List<String> lines = lines();
    assertThat(lines).as("a stack trace never breaks the line").hasSize(1);
    JsonNode exception = JSON.readTree(lines.get(0)).get("metadata").get("exception");
    assertThat(exception.get("type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(exception.get("message").asText()).isEqualTo("the run failed");
    assertThat(exception.get("stack_trace").asText())
        .startsWith("java.lang.IllegalStateException: the run failed")
        .contains("\tat dev.trii.core.logging.TriiLogEncoderTest.serializesTheExceptionWithItsStackTraceAndCauses")
        .contains("Caused by: java.sql.SQLException: connection \"refused\"\nby the server");
  }

  @Test
  void linesOfAFlinkJobAreTheIngestionsWithTheJobIdAsCorrelationId() throws Exception {
    MDC.put(CorrelationId.FLINK_JOB_ID, "3f2a6c0f9b1d4e5aa1b2c3d4e5f60718");

    logger("json").warn("copy into quotes retried");

    JsonNode line = JSON.readTree(lines().get(0));
    assertThat(line.get("service").asText()).isEqualTo(LogEventJson.INGESTION_SERVICE);
    assertThat(line.get("correlation_id").asText()).isEqualTo("3f2a6c0f9b1d4e5aa1b2c3d4e5f60718");
    assertThat(line.get("metadata").has(CorrelationId.FLINK_JOB_ID)).isFalse();
  }

  @Test
  void textStaysTextByDefault(@TempDir Path home) {
    assertThat(TriiConfig.load(Map.of("TRII_HOME", home.toString()), Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
    MDC.put(CorrelationId.KEY, "run-42");

    Logger log = logger("text");
    log.info("pipeline run {} of daily started", 42);

    assertThat(lines()).singleElement().asString()
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  dev\\.trii\\.example - pipeline run 42 of daily started");
  }

  private Logger logger(String format) {
    TriiLogEncoder encoder = new TriiLogEncoder();
    encoder.setContext(context);
    encoder.setService("trii-test");
    encoder.setFormat(format);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    logger = context.getLogger("dev.trii.example");
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
