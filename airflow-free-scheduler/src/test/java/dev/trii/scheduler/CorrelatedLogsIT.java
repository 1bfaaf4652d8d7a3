package dev.trii.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.Platform;
import dev.trii.core.logging.CorrelationId;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.scheduler.pipeline.RunDispatcher;
import dev.trii.scheduler.pipeline.ScheduledRuns;
import dev.trii.training.testing.SyntheticBars;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One correlation id followed through the scheduler's JSON logs ({@code TRII_LOG_FORMAT=json}): a scheduled run of a
 * pipeline that checks quality, builds features, trains and gates a model, from the run's first line to the line
 * naming the model version it produced, and into the registry's record of that version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "trii.log.format=json", "logging.config=classpath:structured-console-logback.xml",
    "trii.scheduler.watchdog.interval=1h", "trii.scheduler.poll=200ms", "trii.training.nthread=1",
    // Spring Batch's own step lines: the quality and features jobs log nothing of their own at INFO
    "logging.level.org.springframework.batch=INFO"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class CorrelatedLogsIT {

  private static final TestDatabase database = TestDatabase.create();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration RUN_DEADLINE = Duration.ofMinutes(5);
  /** The Friday after SyntheticBars' three sessions: the weekly schedule's data interval covers them. */
  private static final Instant FIRE_TIME = Instant.parse("2024-03-08T18:00:00Z");

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    SchedulerTestSetup.platform(registry, database, "traced-pipelines");
  }

  @AfterAll
  static void dropDatabase(@Autowired Scheduler scheduler, @Autowired Platform platform,
      @Autowired RunDispatcher dispatcher) throws SchedulerException {
    SchedulerTestSetup.shutdown(dispatcher, scheduler, platform, database);
  }

  @Test
  void oneCorrelationIdLeadsFromAScheduledRunToTheModelVersionItProducedAndItsRegistryRecord(
      @Autowired ScheduledRuns scheduled, @Autowired ModelRegistry registry, CapturedOutput output) {
    BarsTable.upsert(database.dataSource(), SyntheticBars.market(3, "AAA", "BBB", "CCC").bars());

    scheduled.fired("it-traced", FIRE_TIME, FIRE_TIME);
    long runId = database.jdbc().queryForObject("select run_id from pipeline_runs where pipeline = 'it-traced' "
        + "and trigger = 'CRON' and idempotency_key = ?", Long.class, "cron:" + FIRE_TIME);
    assertThat(awaitEnd(runId)).isEqualTo("SUCCEEDED");

    List<JsonNode> lines = jsonLines(output);
    String correlationId = "run-" + runId;
    int first = indexOf(lines, line -> line.get("message").asString()
        .startsWith("pipeline run " + runId + " of it-traced v1 started (CRON"));
    JsonNode started = lines.get(first);
    assertThat(started.get("correlation_id").asString()).isEqualTo(correlationId);
    assertThat(started.get("service").asString()).isEqualTo("trii-scheduler");

    ModelVersion produced = registry.getVersionByAlias("it-traced", ModelRegistry.CHAMPION).orElseThrow();
    int gated = indexOf(lines, line -> line.get("metadata").has("model_version")
        && line.get("metadata").get("model_name").asString().equals("it-traced"));
    JsonNode gate = lines.get(gated);
    assertThat(gated).as("the version is announced after the run started").isGreaterThan(first);
    assertThat(gate.get("correlation_id").asString()).isEqualTo(correlationId);
    assertThat(gate.get("message").asString()).startsWith("it-traced v" + produced.version() + ": gate PASSED");
    assertThat(gate.get("metadata").get("model_version").asInt()).isEqualTo(produced.version());
    assertThat(gate.get("metadata").get("pipelineTask").asString()).isEqualTo("train");
    assertThat(gate.get("metadata").get("promoted").asBoolean()).isTrue();

    List<JsonNode> ofTheRun = lines.stream()
        .filter(line -> correlationId.equals(line.path("correlation_id").asString(null))).toList();
    assertThat(ofTheRun).extracting(line -> line.get("metadata").path("pipelineTask").asString(""))
        .as("the run's own lines and every task's").contains("", "quality", "features", "train");
    assertThat(ofTheRun).extracting(line -> line.get("metadata").get("thread").asString())
        .as("on every thread: the run's, the tasks', the quality job's partitions'")
        .anyMatch(thread -> thread.startsWith("pipeline-run")).anyMatch(thread -> thread.startsWith("task-worker"))
        .anyMatch(thread -> thread.startsWith("quality-"));
    assertThat(ofTheRun.get(ofTheRun.size() - 1).get("message").asString())
        .startsWith("pipeline run " + runId + " of it-traced succeeded");

    assertThat(produced.tags()).containsEntry(CorrelationId.TAG, correlationId);
    assertThat(registry.getRun(produced.runId()).tags()).containsEntry(CorrelationId.TAG, correlationId);
  }

  private static String awaitEnd(long runId) {
    Instant deadline = Instant.now().plus(RUN_DEADLINE);
    while (true) {
      String status = database.jdbc().queryForObject("select status from pipeline_runs where run_id = ?",
          String.class, runId);
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        return status;
      }
      assertThat(Instant.now()).as("run %d still %s", runId, status).isBefore(deadline);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * The JSON lines of the output, each checked for the fields every line has. The scheduler logs nothing else; other
   * lines (a test before this one, in the same JVM, may have left a thread printing) must not be about this pipeline.
   */
  private static List<JsonNode> jsonLines(CapturedOutput output) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.getOut().lines().toList()) {
      if (!line.startsWith("{")) {
        assertThat(line).as("a line of the pipeline's run that is not JSON").doesNotContain("it-traced");
        continue;
      }
      try {
        JsonNode json = JSON.readTree(line);
        assertThat(json.propertyNames()).as(line).contains("timestamp", "level", "service", "message", "metadata");
        lines.add(json);
      } catch (JacksonException e) {
        throw new AssertionError("not a JSON log line: " + line, e);
      }
    }
    return lines;
  }

  private static int indexOf(List<JsonNode> lines, Predicate<JsonNode> wanted) {
    for (int i = 0; i < lines.size(); i++) {
      if (wanted.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such line among " + lines.size() + " JSON lines");
  }
}
