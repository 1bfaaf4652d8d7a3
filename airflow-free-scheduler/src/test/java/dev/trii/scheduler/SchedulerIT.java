package dev.trii.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.Platform;
import dev.trii.core.config.TriiException;
import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import dev.trii.core.testing.TestDatabase;
import dev.trii.scheduler.definition.PipelineDefinitions;
import dev.trii.scheduler.pipeline.PipelineCatalog;
import dev.trii.scheduler.pipeline.RunDispatcher;
import dev.trii.scheduler.pipeline.ScheduledRuns;
import dev.trii.scheduler.quartz.QuartzPipelineTriggers;
import dev.trii.scheduler.quartz.StuckTriggerWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler as it runs: real PostgreSQL (Quartz JDBC store, Spring Batch repository, run queue), the local
 * S3Proxy, a real port, and test-only Spring Batch jobs ({@link ItJobs}) in the test pipelines of
 * {@code src/test/resources/it-pipelines}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "trii.scheduler.watchdog.interval=1h", "trii.scheduler.poll=200ms"})
@Import(ItJobs.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SchedulerIT {

  private static final TestDatabase database = TestDatabase.create();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);
  /** The admin's API token, registered at start from the settings. */
  static final String ADMIN_TOKEN = "trii_it-admin-token-0123456789";

  @LocalServerPort
  int port;

  @Autowired
  dev.trii.scheduler.logs.TaskLogs taskLogs;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    SchedulerTestSetup.platform(registry, database);
    registry.add("trii.console.admin-token", () -> ADMIN_TOKEN);
  }

  @AfterAll
  static void dropDatabase(@Autowired Scheduler scheduler, @Autowired Platform platform,
      @Autowired RunDispatcher dispatcher) throws SchedulerException {
    SchedulerTestSetup.shutdown(dispatcher, scheduler, platform, database);
  }

  @Test
  void runsADagTasksAfterTheirDependenciesAndRecordsEachJobExecution() {
    JsonNode accepted = post("/api/pipelines/it-ok/runs", "", 202);
    long runId = accepted.get("run_id").asLong();
    assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("trigger").asString()).isEqualTo("MANUAL");
    assertThat(run.get("requested_by").asString()).as("the authenticated user").isEqualTo("admin");
    assertThat(run.get("version").asInt()).isEqualTo(1);
    List<String> order = ItJobs.executed.stream().filter(entry -> entry.startsWith(runId + ":")).toList();
    assertThat(order).hasSize(4).startsWith(runId + ":itExtractJob").endsWith(runId + ":itLoadJob")
        .contains(runId + ":itTransformJob", runId + ":itEnrichJob");
    assertThat(run.get("tasks")).extracting(task -> task.get("task").asString())
        .containsExactly("extract", "transform", "enrich", "load");
    assertThat(run.get("tasks").get(3).get("depends_on")).extracting(JsonNode::asString)
        .containsExactly("transform", "enrich");
    assertThat(run.get("tasks")).extracting(task -> task.get("status").asString()).containsOnly("SUCCEEDED");
    assertThat(database.jdbc().queryForList(
        "select e.status from batch_job_execution e join batch_job_execution_params p using (job_execution_id) "
            + "where p.parameter_name = 'pipelineRunId' and p.parameter_value = ? order by e.job_execution_id",
        String.class, Long.toString(runId))).containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED");
    Map<String, Object> row = database.jdbc().queryForMap(
        "select status, claimed_by, claimed_at, started_at, ended_at, error from pipeline_runs where run_id = ?", runId);
    assertThat(row.get("claimed_by")).as("released when the run ended").isNull();
    assertThat(row.get("claimed_at")).isNotNull();
    assertThat(row.get("ended_at")).isNotNull();
    assertThat(row.get("error")).isNull();
    taskLogs.flush();
    assertThat(get("/api/pipelines/runs/" + runId + "/tasks/load/log", 200))
        .extracting(line -> line.get("message").asString()).contains("itLoadJob ran for run " + runId);
    assertThat(get("/api/pipelines/runs/" + runId + "/tasks/nothing/log", 400).get("detail").asString())
        .contains("has no task 'nothing'");
    assertThat(getText("/actuator/prometheus"))
        .containsPattern("trii_pipeline_task_handoff_seconds_count\\{[^}]*pipeline=\"it-ok\"[^}]*} [1-9]");
  }

  @Test
  void aFailingTaskFailsTheRunAndSkipsTheTasksAfterIt() {
    long runId = post("/api/pipelines/it-failing/runs", "", 202).get("run_id").asLong();

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("FAILED");
    assertThat(run.get("error").asString()).contains("failing", "boom: the failing task fails");
    JsonNode tasks = run.get("tasks");
    assertThat(tasks).extracting(task -> task.get("status").asString()).containsExactly("SUCCEEDED", "FAILED", "SKIPPED");
    assertThat(tasks.get(1).get("exit_description").asString()).contains("boom: the failing task fails");
    assertThat(tasks.get(2).get("job_execution_id").isNull()).isTrue();
    assertThat(ItJobs.executed).filteredOn(entry -> entry.startsWith(runId + ":")).containsExactly(runId + ":itExtractJob");
  }

  @Test
  void aFailedRunRetriedByHandRestartsItsFailedJobFromTheFailedStepAndRunsTheRest(
      @Autowired JobRepository jobRepository) {
    ItJobs.broken.set(true);
    ItJobs.resumableWritten.clear();
    long runId = post("/api/pipelines/it-resumable/runs", "", 202).get("run_id").asLong();
    JsonNode failed = awaitEnd(runId);
    assertThat(failed.get("status").asString()).isEqualTo("FAILED");
    assertThat(failed.get("tasks")).extracting(task -> task.get("status").asString())
        .containsExactly("SUCCEEDED", "FAILED", "SKIPPED");
    assertThat(ItJobs.resumableWritten).containsExactly(1, 2, 3, 4, 5);
    long failedExecution = failed.get("tasks").get(1).get("job_execution_id").asLong();

    ItJobs.broken.set(false); // the cause is fixed
    JsonNode retried = post("/api/pipelines/runs/" + runId + "/retry", "", 202);
    JsonNode run = awaitEnd(retried.get("run_id").asLong());

    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("tasks")).extracting(task -> task.get("attempts").asInt()).containsExactly(1, 2, 1);
    // only the remaining items: 6 to 10, each once
    assertThat(ItJobs.resumableWritten).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    var restarted = jobRepository.getJobExecution(run.get("tasks").get(1).get("job_execution_id").asLong());
    var first = jobRepository.getJobExecution(failedExecution);
    assertThat(restarted.getId()).isNotEqualTo(failedExecution);
    assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
    assertThat(restarted.getStepExecutions()).singleElement()
        .satisfies(step -> assertThat(step.getReadCount()).isEqualTo(5));
    assertThat(ItJobs.executed).filteredOn(entry -> entry.equals(runId + ":itExtractJob")).hasSize(1);
    assertThat(get("/api/pipelines/runs/" + runId + "/events", 200)).extracting(e -> e.get("kind").asString())
        .contains("RETRIED");
    assertThat(post("/api/pipelines/runs/" + runId + "/retry", "", 409).get("detail").asString())
        .contains("only a FAILED run can be retried");
  }

  @Test
  void aFailedTaskIsRetriedWithBackoffByRestartingItsJobExecution() {
    ItJobs.flakyAttempts.set(0);
    long runId = post("/api/pipelines/it-retrying/runs", "", 202).get("run_id").asLong();

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode task = run.get("tasks").get(0);
    assertThat(task.get("attempts").asInt()).isEqualTo(3);
    assertThat(ItJobs.flakyAttempts.get()).isEqualTo(3);
    assertThat(database.jdbc().queryForObject("select count(*) from batch_job_execution e "
        + "where e.job_instance_id = (select job_instance_id from batch_job_execution where job_execution_id = ?)",
        Long.class, task.get("job_execution_id").asLong())).as("three executions of one job instance").isEqualTo(3);
    assertThat(getText("/actuator/prometheus"))
        .containsPattern("trii_pipeline_task_retries_total\\{[^}]*pipeline=\"it-retrying\",task=\"flaky\"[^}]*} 2");
  }

  @Test
  void anAttemptPastItsTimeoutIsStoppedAndATaskPastItsSlaIsRecorded() {
    long runId = post("/api/pipelines/it-slow/runs", "", 202).get("run_id").asLong();

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("FAILED");
    JsonNode task = run.get("tasks").get(0);
    assertThat(task.get("exit_description").asString()).contains("timed out after PT1S");
    assertThat(database.jdbc().queryForObject("select status from batch_job_execution where job_execution_id = ?",
        String.class, task.get("job_execution_id").asLong())).isEqualTo("STOPPED");
    assertThat(database.jdbc().queryForObject("select read_count from batch_step_execution where job_execution_id = ?",
        Long.class, task.get("job_execution_id").asLong())).as("stopped before its 100 items").isLessThan(100L);
    assertThat(get("/api/pipelines/runs/" + runId + "/events", 200)).extracting(e -> e.get("kind").asString())
        .containsExactly("SLA_MISSED", "TIMED_OUT");
    String metrics = getText("/actuator/prometheus");
    assertThat(metrics).containsPattern("trii_pipeline_sla_misses_total\\{[^}]*pipeline=\"it-slow\"[^}]*} 1");
    assertThat(metrics).containsPattern("trii_pipeline_task_timeouts_total\\{[^}]*pipeline=\"it-slow\"[^}]*} 1");
  }

  @Test
  void aNodeThatLostItsRunStartsNoMoreOfItsTasksAndDoesNotEndIt() {
    long runId = post("/api/pipelines/it-takeover/runs", "", 202).get("run_id").asLong();
    awaitClaimed("select count(*) from task_runs where run_id = " + runId + " and status = 'RUNNING'", 1);
    // another node (alive: it heartbeats) takes the run over while its first task runs here
    database.jdbc().update("insert into scheduler_nodes (node_id) values ('another-node')");
    database.jdbc().update("update pipeline_runs set claimed_by = 'another-node' where run_id = ?", runId);

    sleep(3500);

    Map<String, Object> row = database.jdbc().queryForMap("select status, claimed_by from pipeline_runs "
        + "where run_id = ?", runId);
    assertThat(row).containsEntry("status", "RUNNING").containsEntry("claimed_by", "another-node");
    assertThat(database.jdbc().queryForObject("select status from task_runs where run_id = ? and task = 'second'",
        String.class, runId)).isEqualTo("PENDING");
    assertThat(ItJobs.executed).doesNotContain(runId + ":itExtractJob");
    database.jdbc().update("update pipeline_runs set status = 'FAILED', claimed_by = null where run_id = ?", runId);
    database.jdbc().update("delete from scheduler_nodes where node_id = 'another-node'");
  }

  @Test
  void aRepeatedRequestWithTheSameIdempotencyKeyReturnsTheSameRun() {
    String key = "it-once-" + System.nanoTime();
    String body = "{\"idempotency_key\": \"" + key + "\"}";
    JsonNode first = post("/api/pipelines/it-ok/runs", body, 202);
    JsonNode again = post("/api/pipelines/it-ok/runs", body, 200);

    assertThat(again.get("run_id").asLong()).isEqualTo(first.get("run_id").asLong());
    awaitEnd(first.get("run_id").asLong());
    assertThat(database.jdbc().queryForObject("select count(*) from pipeline_runs where idempotency_key = ?",
        Long.class, key)).isEqualTo(1);
  }

  @Test
  void runParametersAreCheckedAgainstThePipelinesParamsAndTemplatedIntoItsTasks() {
    assertThat(post("/api/pipelines/it-params/runs", "{\"parameters\": {\"dya\": \"2026-03-09\"}}", 400)
        .get("detail").asString()).contains("no parameter 'dya'", "[day, limit, mode]");
    assertThat(post("/api/pipelines/it-params/runs", "{\"parameters\": {\"day\": \"yesterday\"}}", 400)
        .get("detail").asString()).contains("parameter day must be a date");
    assertThat(post("/api/pipelines/it-params/runs", "{\"parameters\": {\"mode\": \"slow\"}}", 400)
        .get("detail").asString()).contains("parameter mode must be one of [fast, full]");
    assertThat(post("/api/pipelines/it-params/runs", "{\"parameters\": {\"limit\": \"1.5\"}}", 400)
        .get("detail").asString()).contains("parameter limit must be an integer");

    long runId = post("/api/pipelines/it-params/runs", "{\"parameters\": {\"day\": \"2026-03-09\"}, "
        + "\"data_interval_start\": \"2026-03-06T00:00:00Z\", \"data_interval_end\": \"2026-03-09T23:00:00Z\"}",
        202).get("run_id").asLong();
    JsonNode run = awaitEnd(runId);

    assertThat(run.get("parameters").get("day").asString()).isEqualTo("2026-03-09");
    assertThat(run.get("parameters").get("mode").asString()).as("the default").isEqualTo("fast");
    assertThat(run.get("parameters").has("limit")).isFalse();
    JobParameters job = ItJobs.parameters.get(runId + ":itExtractJob");
    assertThat(job.getString("day")).isEqualTo("2026-03-09");
    assertThat(job.getString("mode")).isEqualTo("fast");
    assertThat(job.getString("from")).isEqualTo("2026-03-06T00:00:00Z");
    assertThat(job.getString("until")).as("end date in Chicago").isEqualTo("2026-03-09");
    assertThat(job.getString("dataIntervalEnd")).isEqualTo("2026-03-09T23:00:00Z");
  }

  @Test
  void listsThePipelinesWithTheirVersionScheduleAndNextFireTime() {
    JsonNode pipelines = get("/api/pipelines", 200);
    JsonNode daily = findPipeline(pipelines, "daily");
    assertThat(daily.get("version").asInt()).isEqualTo(3);
    assertThat(daily.get("tasks")).extracting(task -> task.get("job").asString())
        .containsExactly("qualityJob", "featuresJob", "trainJob", "retentionJob", "liveAccuracyJob", "reportJob");
    assertThat(daily.get("schedule").get("cron").asString()).isEqualTo("0 30 17 ? * MON-FRI");
    assertThat(daily.get("schedule").get("time_zone").asString()).isEqualTo("America/New_York");
    Instant next = Instant.parse(daily.get("next_fire_time").asString());
    assertThat(next).isAfter(Instant.now());
    assertThat(next.atZone(ZoneId.of("America/New_York")).toLocalTime()).hasToString("17:30");
    assertThat(findPipeline(pipelines, "it-ok").get("next_fire_time").isNull()).isTrue();
    assertThat(database.jdbc().queryForObject("select count(*) from qrtz_job_details where job_name = 'daily' "
        + "and requests_recovery", Long.class)).isEqualTo(1);
  }

  @Test
  void aPausedPipelineHoldsItsQueuedRunsAndItsScheduleUntilResumed() {
    assertThat(post("/api/pipelines/it-ok/pause", "", 200).get("changed").asBoolean()).isTrue();
    assertThat(post("/api/pipelines/it-ok/pause", "", 200).get("changed").asBoolean()).isFalse();
    post("/api/pipelines/it-params/pause", "", 200);
    try {
      long runId = post("/api/pipelines/it-ok/runs", "", 202).get("run_id").asLong();
      sleep(1500);
      assertThat(get("/api/pipelines/runs/" + runId, 200).get("status").asString()).isEqualTo("QUEUED");
      assertThat(findPipeline(get("/api/pipelines", 200), "it-ok").get("paused").asBoolean()).isTrue();
      assertThat(findPipeline(get("/api/pipelines", 200), "it-params").get("next_fire_time").isNull()).isTrue();
      assertThat(database.jdbc().queryForObject("select trigger_state from qrtz_triggers where trigger_name = "
          + "'it-params'", String.class)).isEqualTo("PAUSED");

      post("/api/pipelines/it-ok/resume", "", 200);
      post("/api/pipelines/it-params/resume", "", 200);

      assertThat(awaitEnd(runId).get("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(findPipeline(get("/api/pipelines", 200), "it-params").get("next_fire_time").isNull()).isFalse();
      assertThat(get("/api/pipelines/it-ok/events", 200)).extracting(e -> e.get("kind").asString())
          .containsSubsequence("RESUMED", "PAUSED");
    } finally {
      post("/api/pipelines/it-ok/resume", "", 200);
      post("/api/pipelines/it-params/resume", "", 200);
    }
  }

  @Test
  void aThirtyDayBackfillRunsOneRunAtATimeWhileAFreshScheduledRunGoesFirst(@Autowired ScheduledRuns scheduled) {
    LocalDate from = LocalDate.parse("2026-10-15");
    LocalDate to = LocalDate.parse("2026-11-13"); // across the end of daylight saving time on 1 November
    JsonNode backfill = post("/api/pipelines/it-daily/backfills",
        "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"reprocess\": \"none\"}", 202);
    long backfillId = backfill.get("backfill_id").asLong();
    assertThat(backfill.get("queued").asInt()).isEqualTo(30);

    // the schedule fires while the backfill is under way
    awaitClaimed("select count(*) from pipeline_runs where backfill_id = " + backfillId + " and claimed_at is not null", 2);
    Instant fireTime = Instant.now().minusSeconds(5);
    scheduled.fired("it-daily", fireTime, Instant.now());
    // by its fire time: a real daily firing may land during the test too
    long cronRun = database.jdbc().queryForObject("select run_id from pipeline_runs where pipeline = 'it-daily' "
        + "and idempotency_key = ?", Long.class, "cron:" + fireTime);
    JsonNode fresh = awaitEnd(cronRun);
    assertThat(fresh.get("status").asString()).isEqualTo("SUCCEEDED");
    long backfillLeft = database.jdbc().queryForObject("select count(*) from pipeline_runs where backfill_id = ? "
        + "and status = 'QUEUED'", Long.class, backfillId);
    assertThat(backfillLeft).as("the fresh run did not wait for the backfill to end").isGreaterThan(10);

    JsonNode runs = awaitBackfill(backfillId);
    assertThat(runs).hasSize(30);
    assertThat(runs).extracting(r -> r.get("status").asString()).containsOnly("SUCCEEDED");
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).get("data_interval_start").asString()).as("contiguous intervals")
          .isEqualTo(runs.get(i - 1).get("data_interval_end").asString());
    }
    assertThat(Instant.parse(runs.get(0).get("data_interval_end").asString()))
        .isEqualTo(Instant.parse("2026-10-15T23:00:00Z")); // 18:00 CDT
    assertThat(Instant.parse(runs.get(29).get("data_interval_end").asString()))
        .isEqualTo(Instant.parse("2026-11-14T00:00:00Z")); // 18:00 CST
    assertThat(database.jdbc().queryForObject("select count(*) from pipeline_runs a join pipeline_runs b "
        + "on a.backfill_id = b.backfill_id and a.run_id < b.run_id and a.started_at < b.ended_at "
        + "and b.started_at < a.ended_at where a.backfill_id = ?", Long.class, backfillId))
        .as("backfill runs never overlap (max_active_backfill_runs: 1)").isZero();

    JsonNode again = post("/api/pipelines/it-daily/backfills",
        "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"reprocess\": \"failed\"}", 202);
    assertThat(again.get("queued").asInt()).isZero();
    assertThat(again.get("skipped").asInt()).isEqualTo(30);
    JsonNode redo = post("/api/pipelines/it-daily/backfills",
        "{\"from\": \"2026-11-12\", \"to\": \"2026-11-13\", \"reprocess\": \"completed\"}", 202);
    assertThat(redo.get("queued").asInt()).isEqualTo(2);
    assertThat(awaitBackfill(redo.get("backfill_id").asLong())).extracting(r -> r.get("status").asString())
        .containsOnly("SUCCEEDED");
    assertThat(post("/api/pipelines/it-daily/backfills", "{\"from\": \"2026-11-13\", \"to\": \"2026-11-12\"}", 400)
        .get("detail").asString()).contains("ends (2026-11-12) before it starts");
    assertThat(post("/api/pipelines/it-daily/backfills",
        "{\"from\": \"2026-11-12\", \"to\": \"2026-11-13\", \"reprocess\": \"all\"}", 400)
        .get("detail").asString()).contains("reprocess must be none, failed or completed");
  }

  @Test
  void fireTimesMissedWhileDownFollowEachPipelinesMisfirePolicyAndAreQueuedOnce(@Autowired ScheduledRuns scheduled) {
    Instant now = Instant.now();
    Instant missed = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(3));
    List<Instant> due = List.of(missed, missed.plus(Duration.ofHours(1)), missed.plus(Duration.ofHours(2)),
        missed.plus(Duration.ofHours(3)));

    for (String pipeline : List.of("it-catchup", "it-once", "it-skipping")) {
      scheduled.fired(pipeline, missed, now);
      scheduled.fired(pipeline, missed, now); // Quartz's recovery firing again: nothing new
    }

    assertThat(cronKeys("it-catchup")).as("every missed fire time, once").containsAll(keys(due))
        .doesNotHaveDuplicates();
    assertThat(cronKeys("it-once")).as("only the latest").contains(keys(due.subList(3, 4)).get(0))
        .doesNotContainAnyElementsOf(keys(due.subList(0, 3)));
    assertThat(cronKeys("it-skipping")).doesNotContainAnyElementsOf(keys(due));
    assertThat(get("/api/pipelines/it-skipping/events", 200)).extracting(e -> e.get("kind").asString())
        .contains("MISFIRE_SKIPPED");
    Map<String, Object> interval = database.jdbc().queryForMap("select data_interval_start, data_interval_end "
        + "from pipeline_runs where pipeline = 'it-catchup' and idempotency_key = ?", "cron:" + due.get(1));
    assertThat(((java.sql.Timestamp) interval.get("data_interval_start")).toInstant()).isEqualTo(due.get(0));
    assertThat(((java.sql.Timestamp) interval.get("data_interval_end")).toInstant()).isEqualTo(due.get(1));
  }

  private static List<String> cronKeys(String pipeline) {
    return database.jdbc().queryForList("select idempotency_key from pipeline_runs where pipeline = ? "
        + "and trigger = 'CRON'", String.class, pipeline);
  }

  private static List<String> keys(List<Instant> fireTimes) {
    return fireTimes.stream().map(time -> "cron:" + time).toList();
  }

  @Test
  void aNodeNeverLowersAPublishedVersionAndRefusesOtherContentUnderTheSameVersion(
      @Autowired PipelineCatalog catalog) {
    String v1 = "name: it-versioned\nversion: 1\ntasks:\n  extract: {job: itExtractJob}\n";
    String v2 = "name: it-versioned\nversion: 2\ntasks:\n  extract: {job: itExtractJob}\n"
        + "  load: {job: itLoadJob, depends_on: [extract]}\n";
    catalog.publish(List.of(PipelineDefinitions.parse(v1, "v1.yaml")), "node-old");
    catalog.publish(List.of(PipelineDefinitions.parse(v2, "v2.yaml")), "node-new");
    // the old node restarts during the rolling deploy: it publishes its version 1 again
    catalog.publish(List.of(PipelineDefinitions.parse(v1, "v1.yaml")), "node-old");

    assertThat(catalog.require("it-versioned").definition().version()).isEqualTo(2);
    assertThat(findPipeline(get("/api/pipelines", 200), "it-versioned").get("tasks")).hasSize(2);
    String changedV2 = v2.replace("itLoadJob", "itTransformJob");
    assertThatThrownBy(() -> catalog.publish(List.of(PipelineDefinitions.parse(changedV2, "changed.yaml")), "node-x"))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("changed.yaml: pipeline it-versioned version 2 differs from the version 2 that "
            + "node-new published")
        .hasMessageContaining("raise version");
    long runId = post("/api/pipelines/it-versioned/runs", "", 202).get("run_id").asLong();
    assertThat(awaitEnd(runId).get("tasks")).hasSize(2);
  }

  @Test
  void countsRunsByOutcomeAndQueueDepthInPrometheusFormatAndIsHealthy() {
    awaitEnd(post("/api/pipelines/it-ok/runs", "", 202).get("run_id").asLong());

    assertThat(get("/actuator/health", 200).get("status").asString()).isEqualTo("UP");
    String metrics = getText("/actuator/prometheus");
    assertThat(metrics).containsPattern("trii_pipeline_runs_total\\{[^}]*outcome=\"succeeded\",pipeline=\"it-ok\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("trii_pipeline_run_duration_seconds_count\\{[^}]*pipeline=\"it-ok\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("trii_pipeline_queue_depth\\{[^}]*lane=\"backfill\",pipeline=\"it-ok\"[^}]*} 0");
    assertThat(metrics).containsPattern("trii_pipeline_queue_wait_seconds_count\\{[^}]*pipeline=\"it-ok\"[^}]*} [1-9]");
  }

  @Test
  void theApiNeedsAKnownTokenAndRecordsWhoActedFromIt(@Autowired dev.trii.scheduler.security.ConsoleUsers users) {
    users.save("vera", "a-viewer-password", dev.trii.scheduler.security.Role.VIEWER, "it");
    users.save("otto", "an-operator-password", dev.trii.scheduler.security.Role.OPERATOR, "it");
    String viewer = users.createToken("vera", "it");
    String operator = users.createToken("otto", "it");

    assertThat(post("/api/pipelines/it-ok/runs", "", 401, null).get("detail").asString())
        .contains("Authorization: Bearer");
    assertThat(post("/api/pipelines/it-ok/runs", "", 401, "trii_not-a-token").get("detail").asString())
        .isEqualTo("the API token is unknown or revoked");
    assertThat(post("/api/pipelines/it-ok/runs", "", 403, viewer).get("detail").asString())
        .isEqualTo("your role may not POST /api/pipelines/it-ok/runs");
    assertThat(post("/api/pipelines/it-ok/runs", "{\"requested_by\": \"somebody-else\"}", 400, operator)
        .get("detail").asString()).contains("requested_by");
    long runId = post("/api/pipelines/it-ok/runs", "", 202, operator).get("run_id").asLong();
    assertThat(awaitEnd(runId).get("requested_by").asString()).isEqualTo("otto");
    users.revokeTokens("otto", "it");
    assertThat(post("/api/pipelines/it-ok/runs", "", 401, operator).get("status").asInt()).isEqualTo(401);
    assertThat(getText("/actuator/prometheus")).contains("trii_pipeline_runs_total");
  }

  @Test
  void showsTheModelRegistryAndMovesTheChampionOnlyForAnAdminWithAReason(
      @Autowired dev.trii.core.registry.ModelRegistry registry, @Autowired dev.trii.scheduler.security.ConsoleUsers users) {
    for (int i = 1; i <= 2; i++) {
      var run = registry.startRun("it-models", "run-" + i);
      registry.logMetrics(run.runId(), Map.of("holdout_accuracy", 0.7 + i / 100.0));
      registry.createModelVersion("it-model", "s3://bucket/" + i, run.runId(), Map.of());
    }
    registry.setAlias("it-model", dev.trii.core.registry.ModelRegistry.CHAMPION, 1, "first");
    users.save("olga", "an-operator-password", dev.trii.scheduler.security.Role.OPERATOR, "it");
    String operator = users.createToken("olga", "it");

    database.jdbc().update("insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, "
        + "hits, unlabellable, pending, refreshed_at) values ('it-model', 1, '2026-03-05', 10, 8, 6, 1, 1, now()), "
        + "('it-model', 1, '2026-03-06', 5, 4, 1, 1, 0, now())");

    JsonNode model = get("/api/models/it-model", 200);
    assertThat(model.get("champion").asInt()).isEqualTo(1);
    assertThat(model.get("versions")).hasSize(2);
    assertThat(model.get("versions")).filteredOn(v -> v.get("version").get("version").asInt() == 2).singleElement()
        .satisfies(v -> assertThat(v.get("metrics").get("holdout_accuracy").asDouble()).isEqualTo(0.72))
        .satisfies(v -> assertThat(v.path("live").path("labelled").isMissingNode()).as("never served").isTrue());
    assertThat(model.get("versions")).filteredOn(v -> v.get("version").get("version").asInt() == 1).singleElement()
        .satisfies(v -> assertThat(v.get("live").get("hit_rate").asDouble()).isEqualTo(7.0 / 12));
    assertThat(model.get("champion_live_days")).extracting(d -> d.get("first_day").asString() + ":"
        + d.get("hit_rate").asDouble()).containsExactly("2026-03-06:0.25", "2026-03-05:0.75");
    assertThat(get("/api/models", 200)).filteredOn(m -> m.get("name").asString().equals("it-model")).singleElement()
        .satisfies(m -> assertThat(m.get("champion_live").get("labelled").asLong()).isEqualTo(12));
    assertThat(post("/api/models/it-model/promote", "{\"version\": 2}", 403, operator).get("detail").asString())
        .contains("your role may not");

    assertThat(post("/api/models/it-model/promote", "{\"version\": 2, \"reason\": \"better on holdout\"}", 200)
        .get("champion").asInt()).isEqualTo(2);
    assertThat(post("/api/models/it-model/promote", "{\"version\": 2}", 409).get("detail").asString())
        .contains("already is champion");
    assertThat(post("/api/models/it-model/promote", "{\"version\": 9}", 404).get("detail").asString())
        .contains("no version 9");
    assertThat(post("/api/models/it-model/rollback", "{\"reason\": \"drift\"}", 200).get("champion").asInt())
        .isEqualTo(1);
    JsonNode history = get("/api/models/it-model", 200).get("champion_history");
    assertThat(history.get(0).get("reason").asString()).isEqualTo("drift (by admin)");
    assertThat(history.get(1).get("reason").asString()).isEqualTo("better on holdout (by admin)");
    assertThat(get("/api/models/none-such", 404).get("detail").asString()).contains("no model named 'none-such'");
  }

  @Test
  void showsQualityVerdictsAndRejectsByDayReasonAndSymbol() {
    database.jdbc().update("insert into quality_checks (trading_date, symbol, check_name, status, value, threshold) "
        + "values ('2026-03-09', 'AAPL', 'completeness', 'PASS', 1, 0.95), "
        + "('2026-03-09', 'AAPL', 'gaps', 'FAIL', 12, 5), ('2026-03-09', 'MSFT', 'gaps', 'PASS', 0, 5)");
    database.jdbc().update("insert into quote_rejects (reject_key, source, reason, symbol, event_time, raw_payload) "
        + "select 'it:' || n, 'it', case when n <= 3 then 'CROSSED_MARKET' else 'DUPLICATE' end, 'AAPL', now(), "
        + "'{\"n\": ' || n || '}' from generate_series(1, 5) n");

    JsonNode quality = get("/api/quality?days=1", 200);
    assertThat(quality).extracting(q -> q.get("symbol").asString() + ":" + q.get("failed").asInt()
        + ":" + q.get("failed_checks")).contains("AAPL:1:[\"gaps\"]", "MSFT:0:[]");
    JsonNode rejects = get("/api/rejects?days=1&symbol=AAPL", 200);
    assertThat(rejects).extracting(r -> r.get("reason").asString() + "=" + r.get("rejects").asLong())
        .containsExactly("CROSSED_MARKET=3", "DUPLICATE=2");
    assertThat(get("/api/rejects?days=0", 400).get("detail").asString()).isEqualTo("days must be 1..3650, got 0");
  }

  @Test
  void listsAndServesTheStoredReportsCheckedAgainstTheirIndex(@Autowired Platform platform) throws Exception {
    Reports reports = new Reports(platform.database().dataSource(), platform.artifacts());
    byte[] pdf = "%PDF-1.7 the report of 2026-03-09".getBytes(StandardCharsets.US_ASCII);
    reports.store(LocalDate.parse("2026-03-09"), Reports.DAILY, ReportFormat.PDF, pdf,
        Instant.parse("2026-03-09T14:30:00Z"), Instant.parse("2026-03-09T21:00:00Z"));
    reports.store(LocalDate.parse("2026-03-10"), Reports.DAILY, ReportFormat.HTML,
        "<h1>2026-03-10</h1>".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-03-10T13:30:00Z"),
        Instant.parse("2026-03-10T20:00:00Z"));

    JsonNode list = get("/api/reports", 200);
    assertThat(list).extracting(r -> r.get("date").asString() + " " + r.get("file").asString())
        .containsSubsequence("2026-03-10 daily.html", "2026-03-09 daily.pdf");
    JsonNode first = get("/api/reports?from=2026-03-09&to=2026-03-09", 200).get(0);
    assertThat(first.get("size_bytes").asLong()).isEqualTo(pdf.length);
    assertThat(first.get("href").asString()).isEqualTo("/api/reports/2026-03-09/daily.pdf");
    assertThat(first.get("window_start").asString()).startsWith("2026-03-09T14:30");

    HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(uri("/api/reports/2026-03-09/daily.pdf"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(pdf);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        disposition -> assertThat(disposition).contains("trii-daily-2026-03-09.pdf"));
    assertThat(get("/api/reports/2026-03-09/daily.html", 404).get("detail").asString())
        .isEqualTo("no daily html report for 2026-03-09 (see /api/reports)");
    assertThat(get("/api/reports/2026-13-01/daily.pdf", 400).get("detail").asString())
        .isEqualTo("date must be a date like 2026-12-04, got '2026-13-01'");
    assertThat(get("/api/reports/2026-03-09/daily.docx", 400).get("detail").asString())
        .isEqualTo("unknown report format 'docx': use one of html, pdf");
    assertThat(exchange(HttpRequest.newBuilder(uri("/api/reports")).GET().build()).statusCode())
        .as("reports need a token").isEqualTo(401);
  }

  @Test
  void publishesAnOpenApiDocumentOfTheWholeApi() {
    JsonNode api = JSON.readTree(getText("/v3/api-docs"));

    assertThat(api.get("openapi").asString()).startsWith("3.");
    assertThat(api.get("paths").propertyNames()).contains("/api/pipelines", "/api/pipelines/{name}/runs",
        "/api/pipelines/runs/{runId}", "/api/pipelines/runs/{runId}/retry", "/api/pipelines/runs/{runId}/cancel",
        "/api/pipelines/{name}/pause", "/api/pipelines/{name}/resume", "/api/pipelines/{name}/backfills",
        "/api/pipelines/{name}/events", "/api/pipelines/backfills/{backfillId}/runs", "/api/models/{name}/promote",
        "/api/models/{name}/rollback", "/api/quality", "/api/rejects", "/api/reports",
        "/api/reports/{date}/{file}");
    assertThat(api.get("components").get("securitySchemes").has("token")).isTrue();
  }

  @Test
  void answersUnknownPipelinesAndRunsWith404ProblemsOnTheRealPort() {
    assertThat(post("/api/pipelines/hourly/runs", "", 404).get("detail").asString()).contains("no pipeline named 'hourly'");
    assertThat(get("/api/pipelines/runs/987654", 404).get("detail").asString()).isEqualTo("no pipeline run 987654");
    assertThat(post("/api/pipelines/hourly/pause", "", 404).get("detail").asString()).contains("no pipeline named");
  }

  @Test
  void watchdogPutsATriggerStuckInBlockedBackToWaitingOnItsSecondSighting(@Autowired Scheduler scheduler,
      @Autowired StuckTriggerWatchdog watchdog) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey("it-stuck", "it");
    scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(key)
        .forJob(JobKey.jobKey("it-params", QuartzPipelineTriggers.GROUP))
        .startAt(Date.from(Instant.now().plus(Duration.ofDays(1)))).build());
    try {
      database.jdbc().update("update qrtz_triggers set trigger_state = 'BLOCKED' where trigger_name = 'it-stuck'");

      assertThat(watchdog.check()).isZero();
      assertThat(triggerState("it-stuck")).isEqualTo("BLOCKED");
      assertThat(watchdog.check()).isEqualTo(1);
      assertThat(triggerState("it-stuck")).isEqualTo("WAITING");
    } finally {
      scheduler.unscheduleJob(key);
    }
  }

  private JsonNode awaitBackfill(long backfillId) {
    long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode runs = get("/api/pipelines/backfills/" + backfillId + "/runs", 200);
      boolean done = true;
      for (JsonNode run : runs) {
        done &= run.get("status").asString().equals("SUCCEEDED") || run.get("status").asString().equals("FAILED");
      }
      if (done) {
        return runs;
      }
      sleep(200);
    }
    throw new AssertionError("backfill " + backfillId + " did not end within " + RUN_DEADLINE);
  }

  private static void awaitClaimed(String countSql, long atLeast) {
    long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
    while (database.jdbc().queryForObject(countSql, Long.class) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached in time: " + countSql);
      }
      sleep(50);
    }
  }

  private static String triggerState(String trigger) {
    return database.jdbc().queryForObject("select trigger_state from qrtz_triggers where trigger_name = ?",
        String.class, trigger);
  }

  private JsonNode awaitEnd(long runId) {
    long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
    JsonNode run = null;
    while (System.nanoTime() < deadline) {
      run = get("/api/pipelines/runs/" + runId, 200);
      String status = run.get("status").asString();
      if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
        return run;
      }
      sleep(100);
    }
    throw new AssertionError("run " + runId + " did not end within " + RUN_DEADLINE + ": " + run);
  }

  private static JsonNode findPipeline(JsonNode pipelines, String name) {
    for (JsonNode pipeline : pipelines) {
      if (pipeline.get("name").asString().equals(name)) {
        return pipeline;
      }
    }
    throw new AssertionError("no pipeline " + name + " in " + pipelines);
  }

  private JsonNode get(String path, int expectedStatus) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(),
        expectedStatus);
  }

  private String getText(String path) {
    return exchange(HttpRequest.newBuilder(uri(path)).GET().build()).body();
  }

  private JsonNode post(String path, String body, int expectedStatus) {
    return post(path, body, expectedStatus, ADMIN_TOKEN);
  }

  private JsonNode post(String path, String body, int expectedStatus, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body.isEmpty()) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request.build(), expectedStatus);
  }

  private JsonNode send(HttpRequest request, int expectedStatus) {
    HttpResponse<String> response = exchange(request);
    assertThat(response.statusCode()).as(request.method() + " " + request.uri() + ": " + response.body())
        .isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
