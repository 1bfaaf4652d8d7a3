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
 * own parameters). A task whose job does not complete, or cannot start, fails the run and the remaining tasks are
 * skipped. Every state change is recorded in {@code pipeline_runs} / {@code task_runs}.
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
    PipelineDefinition definition = catalog.require(pipeline);
    return runs.createQueued(definition.name(), definition.tasks(), trigger, requestedBy, parameters);
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
    try {
      for (TaskRun task : run.tasks()) {
        error = runTask(run, task.task());
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

  /** Runs one task; returns null when its job completed, else why the run fails. */
  private String runTask(PipelineRun run, String task) {
    runs.taskStarted(run.runId(), task);
    Job job = jobs.get(task);
    if (job == null) {
      String reason = "no Spring Batch job named '" + task + "' (known: " + new TreeSet<>(jobs.keySet()) + ")";
      runs.taskEnded(run.runId(), task, TaskStatus.FAILED, null, reason);
      return "task " + task + " could not start: " + reason;
    }
    JobExecution execution;
    try {
      execution = awaitEnd(jobOperator.start(job, parameters(run, task)));
    } catch (Exception e) {
      runs.taskEnded(run.runId(), task, TaskStatus.FAILED, null, "could not start: " + e);
      return "task " + task + " could not start: " + e.getMessage();
    }
    ExitStatus exit = execution.getExitStatus();
    String description = exit == null ? null : exit.getExitDescription();
    if (execution.getStatus() == BatchStatus.COMPLETED) {
      runs.taskEnded(run.runId(), task, TaskStatus.SUCCEEDED, execution.getId(), blankToNull(description));
      return null;
    }
    String reason = firstFailure(execution);
    runs.taskEnded(run.runId(), task, TaskStatus.FAILED, execution.getId(),
        blankToNull(description) == null ? reason : description);
    return "task " + task + " ended " + execution.getStatus() + " (job execution " + execution.getId() + ")"
        + (reason == null ? "" : ": " + reason);
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
