package dev.trii.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.Platform;
import dev.trii.core.storage.ObjectStorageSettings;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.trii.scheduler.quartz.QuartzPipelineTriggers;
import dev.trii.scheduler.quartz.StuckTriggerWatchdog;
import java.util.Date;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.SchedulerException;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler as it runs: real PostgreSQL (Quartz JDBC store, Spring Batch repository, run tables), the local
 * S3Proxy, a real port, and test-only Spring Batch jobs wired into test pipelines through properties.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "trii.pipelines.it-ok.tasks=itExtractJob,itTransformJob,itLoadJob",
    "trii.pipelines.it-failing.tasks=itExtractJob,itFailingJob,itLoadJob",
    "trii.pipelines.it-missing.tasks=itExtractJob,noSuchJob",
    "trii.pipelines.it-resumable.tasks=itExtractJob,itResumableJob,itLoadJob",
    "trii.pipelines.it-retrying.tasks=itFlakyJob",
    "trii.pipelines.it-retrying.retries=2",
    "trii.pipelines.it-retrying.retry-delay=200ms",
    "trii.scheduler.cron=0 15 18 ? * MON-FRI",
    "trii.scheduler.timezone=America/Chicago",
    "trii.scheduler.watchdog.interval=1h"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SchedulerIT {

  private static final TestDatabase database = TestDatabase.create();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);

  /** Which test job ran for which pipeline run, in execution order. */
  static final List<String> executed = new CopyOnWriteArrayList<>();
  /** Items the resumable job wrote, in order; it fails on item 6 while {@link #broken} is set. */
  static final List<Integer> resumableWritten = new CopyOnWriteArrayList<>();
  static final AtomicBoolean broken = new AtomicBoolean(true);
  /** Attempts of the flaky job: it fails its first two. */
  static final AtomicInteger flakyAttempts = new AtomicInteger();

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    ObjectStorageSettings s3 = TestObjectStore.freshBucket();
    registry.add("trii.db.url", () -> database.coordinates().url());
    registry.add("trii.db.user", () -> database.coordinates().user());
    registry.add("trii.db.password", () -> database.coordinates().password());
    registry.add("trii.s3.endpoint", s3::endpoint);
    registry.add("trii.s3.bucket", s3::bucket);
    registry.add("trii.s3.access-key", s3::accessKey);
    registry.add("trii.s3.secret-key", s3::secretKey);
  }

  @AfterAll
  static void dropDatabase(@Autowired Scheduler scheduler, @Autowired Platform platform) throws SchedulerException {
    // no Quartz thread or pooled connection may use the database while it is dropped; the context closes later
    scheduler.shutdown(true);
    platform.close();
    database.close();
  }

  /** Spring Batch jobs that exist only in this test: three that record themselves and one that fails. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestJobs {

    @Bean
    Job itExtractJob(JobRepository jobs, PlatformTransactionManager tx) {
      return recording("itExtractJob", jobs, tx);
    }

    @Bean
    Job itTransformJob(JobRepository jobs, PlatformTransactionManager tx) {
      return recording("itTransformJob", jobs, tx);
    }

    @Bean
    Job itLoadJob(JobRepository jobs, PlatformTransactionManager tx) {
      return recording("itLoadJob", jobs, tx);
    }

    @Bean
    Job itFailingJob(JobRepository jobs, PlatformTransactionManager tx) {
      return new JobBuilder("itFailingJob", jobs)
          .start(new StepBuilder("itFailingStep", jobs).tasklet((contribution, chunk) -> {
            throw new IllegalStateException("boom: the failing task fails");
          }, tx).build())
          .build();
    }

    /** Ten items, one per chunk; item 6 fails while {@link #broken}: a restart must resume at item 6. */
    @Bean
    Job itResumableJob(JobRepository jobs, PlatformTransactionManager tx) {
      return new JobBuilder("itResumableJob", jobs)
          .start(new StepBuilder("itResumableStep", jobs).<Integer, Integer>chunk(1)
              .reader(new CountingListReader(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
              .processor(item -> {
                if (item == 6 && broken.get()) {
                  throw new IllegalStateException("item 6 cannot be processed yet");
                }
                return item;
              })
              .writer(chunk -> resumableWritten.addAll(chunk.getItems()))
              .transactionManager(tx)
              .build())
          .build();
    }

    @Bean
    Job itFlakyJob(JobRepository jobs, PlatformTransactionManager tx) {
      return new JobBuilder("itFlakyJob", jobs)
          .start(new StepBuilder("itFlakyStep", jobs).tasklet((contribution, chunk) -> {
            if (flakyAttempts.incrementAndGet() <= 2) {
              throw new IllegalStateException("flaky: attempt " + flakyAttempts.get() + " fails");
            }
            return RepeatStatus.FINISHED;
          }, tx).build())
          .build();
    }

    private static Job recording(String name, JobRepository jobs, PlatformTransactionManager tx) {
      return new JobBuilder(name, jobs)
          .start(new StepBuilder(name + "Step", jobs).tasklet((contribution, chunk) -> {
            Object runId = chunk.getStepContext().getJobParameters().get("pipelineRunId");
            executed.add(runId + ":" + name);
            return RepeatStatus.FINISHED;
          }, tx).build())
          .build();
    }
  }

  @Test
  void runsTheTasksOfARequestedRunInOrderAndRecordsEachJobExecution() {
    JsonNode accepted = post("/api/pipelines/it-ok/runs", "{\"requested_by\": \"it\"}", 202);
    long runId = accepted.get("run_id").asLong();
    assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("trigger").asString()).isEqualTo("MANUAL");
    assertThat(run.get("requested_by").asString()).isEqualTo("it");
    assertThat(executed).filteredOn(entry -> entry.startsWith(runId + ":"))
        .containsExactly(runId + ":itExtractJob", runId + ":itTransformJob", runId + ":itLoadJob");
    assertThat(run.get("tasks")).extracting(task -> task.get("status").asString())
        .containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
    List<Long> executionIds = database.jdbc().queryForList(
        "select job_execution_id from task_runs where run_id = ? order by position", Long.class, runId);
    assertThat(executionIds).doesNotContainNull().isSorted().doesNotHaveDuplicates();
    assertThat(database.jdbc().queryForList(
        "select e.status from batch_job_execution e join batch_job_execution_params p using (job_execution_id) "
            + "where p.parameter_name = 'pipelineRunId' and p.parameter_value = ? order by e.job_execution_id",
        String.class, Long.toString(runId))).containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
    Map<String, Object> row = database.jdbc().queryForMap(
        "select status, trigger, started_at, ended_at, error from pipeline_runs where run_id = ?", runId);
    assertThat(row.get("status")).isEqualTo("SUCCEEDED");
    assertThat(row.get("trigger")).isEqualTo("MANUAL");
    assertThat(row.get("started_at")).isNotNull();
    assertThat(row.get("ended_at")).isNotNull();
    assertThat(row.get("error")).isNull();
  }

  @Test
  void aFailingTaskFailsTheRunAndSkipsTheTasksAfterIt() {
    long runId = post("/api/pipelines/it-failing/runs", "", 202).get("run_id").asLong();

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("FAILED");
    assertThat(run.get("error").asString()).contains("itFailingJob", "boom: the failing task fails");
    JsonNode tasks = run.get("tasks");
    assertThat(tasks).extracting(task -> task.get("status").asString()).containsExactly("SUCCEEDED", "FAILED", "SKIPPED");
    assertThat(tasks.get(1).get("job_execution_id").isNumber()).isTrue();
    assertThat(tasks.get(1).get("exit_description").asString()).contains("boom: the failing task fails");
    assertThat(tasks.get(2).get("job_execution_id").isNull()).isTrue();
    assertThat(executed).filteredOn(entry -> entry.startsWith(runId + ":")).containsExactly(runId + ":itExtractJob");
    assertThat(database.jdbc().queryForObject("select status from task_runs where run_id = ? and task = 'itLoadJob'",
        String.class, runId)).isEqualTo("SKIPPED");
  }

  @Test
  void aFailedRunRetriedByHandRestartsItsFailedJobFromTheFailedStepAndRunsTheRest(
      @Autowired JobRepository jobRepository) {
    broken.set(true);
    resumableWritten.clear();
    long runId = post("/api/pipelines/it-resumable/runs", "", 202).get("run_id").asLong();
    JsonNode failed = awaitEnd(runId);
    assertThat(failed.get("status").asString()).isEqualTo("FAILED");
    assertThat(failed.get("tasks")).extracting(task -> task.get("status").asString())
        .containsExactly("SUCCEEDED", "FAILED", "SKIPPED");
    assertThat(resumableWritten).containsExactly(1, 2, 3, 4, 5);
    long failedExecution = failed.get("tasks").get(1).get("job_execution_id").asLong();

    broken.set(false); // the cause is fixed
    JsonNode retried = post("/api/pipelines/runs/" + runId + "/retry", "", 202);
    JsonNode run = awaitEnd(retried.get("run_id").asLong());

    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(run.get("tasks")).extracting(task -> task.get("status").asString())
        .containsExactly("SUCCEEDED", "SUCCEEDED", "SUCCEEDED");
    assertThat(run.get("tasks")).extracting(task -> task.get("attempts").asInt()).containsExactly(1, 2, 1);
    // only the remaining items: 6 to 10, each once
    assertThat(resumableWritten).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    var restarted = jobRepository.getJobExecution(run.get("tasks").get(1).get("job_execution_id").asLong());
    var first = jobRepository.getJobExecution(failedExecution);
    assertThat(restarted.getId()).isNotEqualTo(failedExecution);
    assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
    assertThat(restarted.getStepExecutions()).singleElement()
        .satisfies(step -> assertThat(step.getReadCount()).isEqualTo(5));
    // the extract task succeeded the first time and was not run again
    assertThat(executed).filteredOn(entry -> entry.equals(runId + ":itExtractJob")).hasSize(1);
    assertThat(post("/api/pipelines/runs/" + runId + "/retry", "", 409).get("detail").asString())
        .contains("only a FAILED run can be retried");
  }

  @Test
  void aFailedTaskIsRetriedWithBackoffByRestartingItsJobExecution() {
    flakyAttempts.set(0);
    long runId = post("/api/pipelines/it-retrying/runs", "", 202).get("run_id").asLong();

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
    JsonNode task = run.get("tasks").get(0);
    assertThat(task.get("attempts").asInt()).isEqualTo(3);
    assertThat(flakyAttempts.get()).isEqualTo(3);
    assertThat(database.jdbc().queryForObject("select count(*) from batch_job_execution e "
        + "join batch_job_instance i using (job_instance_id) where i.job_name = 'itFlakyJob' "
        + "and e.job_instance_id = (select job_instance_id from batch_job_execution where job_execution_id = ?)",
        Long.class, task.get("job_execution_id").asLong())).as("three executions of one job instance").isEqualTo(3);
    assertThat(getText("/actuator/prometheus"))
        .containsPattern("trii_pipeline_task_retries_total\\{[^}]*pipeline=\"it-retrying\",task=\"itFlakyJob\"[^}]*} 2");
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
  void aTaskWithoutASpringBatchJobFailsTheRunSayingSo() {
    long runId = post("/api/pipelines/it-missing/runs", "", 202).get("run_id").asLong();

    JsonNode run = awaitEnd(runId);

    assertThat(run.get("status").asString()).isEqualTo("FAILED");
    assertThat(run.get("error").asString()).contains("no Spring Batch job named 'noSuchJob'");
  }

  @Test
  void schedulesTheDailyPipelineWithTheConfiguredCronInItsZone() {
    Map<String, Object> trigger = database.jdbc().queryForMap(
        "select c.cron_expression, c.time_zone_id, t.job_name, t.trigger_state from qrtz_cron_triggers c "
            + "join qrtz_triggers t using (sched_name, trigger_name, trigger_group) where c.trigger_name = 'daily'");
    assertThat(trigger.get("cron_expression")).isEqualTo("0 15 18 ? * MON-FRI");
    assertThat(trigger.get("time_zone_id")).isEqualTo("America/Chicago");
    assertThat(trigger.get("job_name")).isEqualTo("daily");

    JsonNode daily = findPipeline(get("/api/pipelines", 200), "daily");
    assertThat(daily.get("tasks")).extracting(JsonNode::asString).containsExactly("qualityJob", "featuresJob", "trainJob");
    assertThat(daily.get("cron").asString()).isEqualTo("0 15 18 ? * MON-FRI");
    assertThat(daily.get("time_zone").asString()).isEqualTo("America/Chicago");
    assertThat(Instant.parse(daily.get("next_fire_time").asString())).isAfter(Instant.now());
    assertThat(findPipeline(get("/api/pipelines", 200), "it-ok").get("next_fire_time").isNull()).isTrue();
  }

  @Test
  void listsAPipelinesLatestRunsNewestFirst() {
    long first = post("/api/pipelines/it-ok/runs", "", 202).get("run_id").asLong();
    awaitEnd(first);
    long second = post("/api/pipelines/it-ok/runs", "", 202).get("run_id").asLong();
    awaitEnd(second);

    JsonNode runs = get("/api/pipelines/it-ok/runs?limit=2", 200);

    assertThat(runs).extracting(run -> run.get("run_id").asLong()).containsExactly(second, first);
  }

  @Test
  void countsRunsByOutcomeInPrometheusFormatAndIsHealthy() {
    awaitEnd(post("/api/pipelines/it-ok/runs", "", 202).get("run_id").asLong());

    assertThat(get("/actuator/health", 200).get("status").asString()).isEqualTo("UP");
    String metrics = getText("/actuator/prometheus");
    assertThat(metrics).containsPattern("trii_pipeline_runs_total\\{[^}]*outcome=\"succeeded\",pipeline=\"it-ok\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("trii_pipeline_run_duration_seconds_count\\{[^}]*pipeline=\"it-ok\"[^}]*} [1-9]");
  }

  @Test
  void answersUnknownPipelinesAndRunsWith404ProblemsOnTheRealPort() {
    assertThat(post("/api/pipelines/hourly/runs", "", 404).get("detail").asString()).contains("no pipeline named 'hourly'");
    assertThat(get("/api/pipelines/runs/987654", 404).get("detail").asString()).isEqualTo("no pipeline run 987654");
  }

  @Test
  void watchdogPutsATriggerStuckInBlockedBackToWaitingOnItsSecondSighting(@Autowired Scheduler scheduler,
      @Autowired StuckTriggerWatchdog watchdog) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey("it-stuck", "it");
    scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(key)
        .forJob(JobKey.jobKey("it-ok", QuartzPipelineTriggers.GROUP))
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
    return send(HttpRequest.newBuilder(uri(path)).GET().build(), expectedStatus);
  }

  private String getText(String path) {
    return exchange(HttpRequest.newBuilder(uri(path)).GET().build()).body();
  }

  private JsonNode post(String path, String body, int expectedStatus) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
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

  /** A list reader that keeps its position in the step's execution context, so a restart resumes after it. */
  static final class CountingListReader extends AbstractItemCountingItemStreamItemReader<Integer> {

    private final List<Integer> items;

    CountingListReader(List<Integer> items) {
      this.items = items;
      setName("itCountingListReader");
    }

    @Override
    protected Integer doRead() {
      int at = getCurrentItemCount() - 1;
      return at < items.size() ? items.get(at) : null;
    }

    @Override
    protected void doOpen() {
    }

    @Override
    protected void doClose() {
    }
  }
}
