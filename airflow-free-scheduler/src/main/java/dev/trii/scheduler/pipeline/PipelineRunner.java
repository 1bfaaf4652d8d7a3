package dev.trii.scheduler.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a queued pipeline run: its tasks in order, each a Spring Batch job started through the {@link JobOperator}
 * with parameters unique to the run and task ({@code pipelineRunId}, {@code pipeline}, {@code task}, plus the run's
 * own parameters). A task whose job does not complete is tried again as the pipeline's {@link RetryPolicy} says, each
 * retry <b>restarting</b> the failed job execution (the same job instance, resumed from its failed step, its
 * finished chunks not processed again). A task that still fails, or cannot start, fails the run and the remaining
 * tasks are skipped. A run queued again by hand ({@link PipelineRunRepository#requeueFailed}) skips its SUCCEEDED
 * tasks and restarts the failed one. Every state change is recorded in {@code pipeline_runs} / {@code task_runs}.
 */
public final class PipelineRunner {

  private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);
  /** Job parameters the runner sets itself; run parameters cannot override them. */
  public static final List<String> RESERVED_PARAMETERS = List.of("pipelineRunId", "pipeline", "task");
  private static final Duration POLL = Duration.ofMillis(500);

  private final PipelineCatalog catalog;
  private final PipelineRunRepository runs;
  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final Map<String, Job> jobs;
  private final PipelineMetrics metrics;

  /**
   * @param jobs Spring Batch jobs by bean name
   */
  public PipelineRunner(PipelineCatalog catalog, PipelineRunRepository runs, JobOperator jobOperator,
      JobRepository jobRepository, Map<String, Job> jobs, PipelineMetrics metrics) {
    this.catalog = catalog;
    this.runs = runs;
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.jobs = Map.copyOf(jobs);
    this.metrics = metrics;
  }

  /**
   * Records a new QUEUED run of a pipeline with its tasks PENDING.
   *
   * @throws UnknownPipelineException when the pipeline is not defined
   */
  public long enqueue(String pipeline, TriggerKind trigger, String requestedBy, Map<String, String> parameters) {
    return enqueue(pipeline, trigger, requestedBy, parameters, null).runId();
  }

  /**
   * Records a new QUEUED run, or with an idempotency key finds the one an earlier request with that key created.
   *
   * @throws UnknownPipelineException when the pipeline is not defined
   */
  public PipelineRunRepository.Queued enqueue(String pipeline, TriggerKind trigger, String requestedBy,
      Map<String, String> parameters, String idempotencyKey) {
    PipelineDefinition definition = catalog.require(pipeline);
    return runs.createQueued(definition.name(), definition.tasks(), trigger, requestedBy, parameters,
        idempotencyKey);
  }

  /**
   * Runs a QUEUED run to its end and returns it as recorded. A run that is not QUEUED (another scheduler instance
   * took it, or it already ended) is returned untouched.
   *
   * @throws RunNotFoundException when there is no such run
   */
  public PipelineRun run(long runId) {
    PipelineRun run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    if (!runs.markRunning(runId)) {
      log.warn("pipeline run {} of {} is {}, not QUEUED: not running it again", runId, run.pipeline(), run.status());
      return runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }
    log.info("pipeline run {} of {} started ({}): {}", runId, run.pipeline(), run.trigger(),
        run.tasks().stream().map(TaskRun::task).toList());
    long start = System.nanoTime();
    String error = null;
    RetryPolicy retry = catalog.find(run.pipeline()).map(PipelineDefinition::retry).orElse(RetryPolicy.NONE);
    try {
      for (TaskRun task : run.tasks()) {
        if (task.status() == TaskStatus.SUCCEEDED) {
          continue;
        }
        error = runTask(run, task, retry);
        if (error != null) {
          break;
        }
      }
    } catch (RuntimeException e) {
      // the repository itself failed (e.g. the database went away): record what can be recorded, then surface it
      error = "the scheduler failed while running the pipeline: " + e;
      tryFinish(runId, error);
      metrics.runEnded(run.pipeline(), RunStatus.FAILED, Duration.ofNanos(System.nanoTime() - start));
      throw e;
    }
    RunStatus outcome = error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
    runs.finish(runId, outcome, error);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    metrics.runEnded(run.pipeline(), outcome, took);
    if (error == null) {
      log.info("pipeline run {} of {} succeeded in {} s", runId, run.pipeline(), took.toSeconds());
    } else {
      log.warn("pipeline run {} of {} failed after {} s: {}", runId, run.pipeline(), took.toSeconds(), error);
    }
    return runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }

  /**
   * Runs one task, retrying as the policy says; returns null when its job completed, else why the run fails. A task
   * that ran before (a run retried by hand) restarts its recorded job execution when that one failed or stopped.
   */
  private String runTask(PipelineRun run, TaskRun task, RetryPolicy retry) {
    String name = task.task();
    Job job = jobs.get(name);
    if (job == null) {
      runs.taskStarted(run.runId(), name);
      String reason = "no Spring Batch job named '" + name + "' (known: " + new TreeSet<>(jobs.keySet()) + ")";
      runs.taskEnded(run.runId(), name, TaskStatus.FAILED, null, reason);
      return "task " + name + " could not start: " + reason;
    }
    JobExecution previous = task.jobExecutionId() == null ? null : jobRepository.getJobExecution(task.jobExecutionId());
    for (int attempt = 1; ; attempt++) {
      runs.taskStarted(run.runId(), name);
      JobExecution execution;
      try {
        execution = restartable(previous) ? jobOperator.restart(previous)
            : jobOperator.start(job, parameters(run, name));
        runs.taskExecution(run.runId(), name, execution.getId());
        execution = awaitEnd(execution);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        runs.taskEnded(run.runId(), name, TaskStatus.FAILED, null, "interrupted");
        return "task " + name + " was interrupted";
      } catch (Exception e) {
        runs.taskEnded(run.runId(), name, TaskStatus.FAILED, previous == null ? null : previous.getId(),
            "could not start: " + e);
        return "task " + name + " could not start: " + e.getMessage();
      }
      ExitStatus exit = execution.getExitStatus();
      String description = exit == null ? null : exit.getExitDescription();
      if (execution.getStatus() == BatchStatus.COMPLETED) {
        runs.taskEnded(run.runId(), name, TaskStatus.SUCCEEDED, execution.getId(), blankToNull(description));
        return null;
      }
      String reason = firstFailure(execution);
      if (attempt <= retry.retries()) {
        Duration wait = retry.delayBefore(attempt + 1);
        log.warn("task {} of pipeline run {} ended {} (attempt {} of {}): {}; restarting job execution {} in {} ms",
            name, run.runId(), execution.getStatus(), attempt, retry.retries() + 1, reason, execution.getId(),
            wait.toMillis());
        metrics.taskRetried(run.pipeline(), name);
        if (!pause(wait)) {
          runs.taskEnded(run.runId(), name, TaskStatus.FAILED, execution.getId(), "interrupted before its retry");
          return "task " + name + " was interrupted before its retry";
        }
        previous = execution;
        continue;
      }
      runs.taskEnded(run.runId(), name, TaskStatus.FAILED, execution.getId(),
          blankToNull(description) == null ? reason : description);
      return "task " + name + " ended " + execution.getStatus() + " (job execution " + execution.getId() + ")"
          + (attempt > 1 ? " after " + attempt + " attempts" : "") + (reason == null ? "" : ": " + reason);
    }
  }

  /** A job execution that can be resumed: it failed or was stopped. */
  private static boolean restartable(JobExecution execution) {
    return execution != null
        && (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED);
  }

  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JobParameters parameters(PipelineRun run, String task) {
    JobParametersBuilder builder = new JobParametersBuilder();
    run.parameters().forEach((key, value) -> {
      if (!RESERVED_PARAMETERS.contains(key)) {
        builder.addString(key, value);
      }
    });
    return builder
        .addLong("pipelineRunId", run.runId())
        .addString("pipeline", run.pipeline())
        .addString("task", task)
        .toJobParameters();
  }

  /** The job operator runs jobs synchronously by default; an asynchronous one is followed until the job ends. */
  private JobExecution awaitEnd(JobExecution execution) throws InterruptedException {
    JobExecution current = execution;
    while (current.isRunning()) {
      Thread.sleep(POLL.toMillis());
      JobExecution reloaded = jobRepository.getJobExecution(current.getId());
      current = reloaded == null ? current : reloaded;
    }
    return current;
  }

  private static String firstFailure(JobExecution execution) {
    List<Throwable> failures = execution.getAllFailureExceptions();
    if (failures.isEmpty()) {
      ExitStatus exit = execution.getExitStatus();
      return exit == null ? null : exit.getExitCode();
    }
    Throwable first = failures.get(0);
    return first.getMessage() == null ? first.getClass().getName()
        : first.getClass().getSimpleName() + ": " + first.getMessage().lines().findFirst().orElse("");
  }

  private void tryFinish(long runId, String error) {
    try {
      runs.finish(runId, RunStatus.FAILED, error);
    } catch (RuntimeException e) {
      log.error("could not record the failure of pipeline run {}: {}", runId, e.toString());
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
