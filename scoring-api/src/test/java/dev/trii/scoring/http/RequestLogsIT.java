package dev.trii.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.logging.TriiLogEncoder;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import dev.trii.scoring.testing.ScoringHarness.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The scoring API's log lines in JSON ({@code TRII_LOG_FORMAT=json}, the encoder of trii-scoring-logback.xml): the
 * lines of a request carry its {@code X-Request-Id} as their correlation id, and no other request's.
 */
class RequestLogsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger ACCESS =
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.trii.scoring.access");

  private static final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private static final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private static ScoringHarness api;
  private static Level accessLevel;

  @BeforeAll
  static void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    TriiLogEncoder encoder = new TriiLogEncoder();
    encoder.setContext(context);
    encoder.setService("trii-scoring");
    encoder.setFormat("json");
    encoder.start();
    appender.setContext(context);
    appender.setName("request-logs-it");
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    accessLevel = ACCESS.getLevel();
    ACCESS.setLevel(Level.DEBUG); // every request's access line, which is off by default
    api = ScoringHarness.prepare();
    ModelFixtures.promote(api.platform().registry(), api.store(), ScoringHarness.MODEL_NAME, ModelFixtures.train(7),
        ModelFixtures.Damage.NONE);
    api.start(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    ACCESS.setLevel(accessLevel);
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theLinesOfARequestCarryItsRequestIdAsCorrelationId() {
    Answer abc = api.send(api.request("/v1/model").header(RequestIds.HEADER, "abc").GET().build());
    Answer generated = api.send(api.request("/v1/model").GET().build());

    assertThat(abc.status()).as(abc.body()).isEqualTo(200);
    assertThat(abc.header(RequestIds.HEADER)).isEqualTo("abc");
    JsonNode line = awaitLine("abc");
    assertThat(line.get("service").asText()).isEqualTo("trii-scoring");
    assertThat(line.get("level").asText()).isEqualTo("DEBUG");
    assertThat(line.get("message").asText()).matches("GET /v1/model 200 \\d+ µs");
    assertThat(line.get("metadata").get("logger").asText()).isEqualTo("dev.trii.scoring.access");
    assertThat(line.get("timestamp").asText()).endsWith("Z");

    String id = generated.header(RequestIds.HEADER);
    assertThat(id).as("made by the API when the client sends none").hasSize(36);
    assertThat(awaitLine(id).get("message").asText()).startsWith("GET /v1/model 200");
    assertThat(lines()).as("each request's lines carry its own id only")
        .filteredOn(json -> json.get("message").asText().startsWith("GET /v1/model"))
        .extracting(json -> json.path("correlation_id").asText())
        .containsExactlyInAnyOrder("abc", id);
  }

  private static JsonNode awaitLine(String correlationId) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      for (JsonNode line : lines()) {
        if (correlationId.equals(line.path("correlation_id").asText(null))) {
          return line;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no log line with correlation_id " + correlationId + " in:\n" + text());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text().lines().toList()) {
      try {
        lines.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON line: " + line, e);
      }
    }
    return lines;
  }

  private static String text() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
