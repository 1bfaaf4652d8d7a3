package dev.trii.scheduler.pipeline;

import dev.trii.core.logging.CorrelationId;
import dev.trii.core.logging.LogContext;
import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.TaskDefinition;
import dev.trii.scheduler.definition.TaskParameters;
import dev.trii.scheduler.logs.TaskLogs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a claimed pipeline run: its tasks as a DAG, each started once every task it depends on succeeded, tasks
 * that are ready at the same time in parallel on the node's task workers. A task is a Spring Batch job started with
 * parameters unique to the run and task ({@code pipelineRunId}, {@code pipeline}, {@code task}, {@code trigger}, the
 * data interval, and the task's rendered templates). A task whose job does not complete is tried again as its {@code retries}
 * say, each retry <b>restarting</b> the failed job execution (the same job instance, resumed from its failed step).
 * An attempt that runs past the task's timeout is asked to stop (and counts as failed); a task still running at its
 * SLA is recorded as an SLA miss. Once a task fails for good no new task starts; the run fails when the running ones
 * end, and the rest are skipped. A run taken over from a dead node recovers the job execution it left behind and
 * restarts it.
 */
public final class PipelineRunner {

  private static final Logger log = LoggerFactory.getLogger(PipelineRunner.class);

  private final PipelineCatalog catalog;
  private final PipelineRunRepository runs;
  private final PipelineEvents events;
  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final Map<String, Job> jobs;
  private final PipelineMetrics metrics;
  private final ExecutorService taskWorkers;
  private final ScheduledExecutorService timers;
  private final String node;

  /**
   * @param jobs Spring Batch jobs by bean name
   * @param taskWorkers runs the tasks' jobs (shared by every run on the node)
   * @param timers fires task timeouts and SLA checks
   * @param node the scheduler node this runner runs on (the runs it runs are claimed by it)
   */
  public PipelineRunner(PipelineCatalog catalog, PipelineRunRepository runs, PipelineEvents events,
      JobOperator jobOperator, JobRepository jobRepository, Map<String, Job> jobs, PipelineMetrics metrics,
      ExecutorService taskWorkers, ScheduledExecutorService timers, String node) {
    this.node = node;
    this.catalog = catalog;
    this.runs = runs;
    this.events = events;
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.jobs = Map.copyOf(jobs);
    this.metrics = metrics;
    this.taskWorkers = taskWorkers;
    this.timers = timers;
  }

  /** How one task ended: null error when it succeeded. */
  private record TaskOutcome(String task, String error, Instant endedAt) {}

  /**
   * Runs a run this node claimed to its end and returns it as recorded. Interrupted (the node is stopping), it
   * leaves the run RUNNING for another node to recover.
   *
   * @throws RunNotFoundException when there is no such run
   */
  public PipelineRun run(long runId, Instant claimedAt) throws InterruptedException {
    MDC.put(CorrelationId.KEY, CorrelationId.ofRun(runId)); // the run's lines, its tasks' lines and what they produce
    try {
      return runCorrelated(runId, claimedAt);
    } finally {
      MDC.remove(CorrelationId.KEY);
    }
  }

  private PipelineRun runCorrelated(long runId, Instant claimedAt) throws InterruptedException {
    PipelineRun run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    PipelineDefinition definition = catalog.version(run.pipeline(), run.definitionVersion());
    log.info("pipeline run {} of {} v{} started ({}{}): {}", runId, run.pipeline(), definition.version(),
        run.trigger(), run.dataInterval() == null ? "" : ", data " + run.dataInterval().start() + " .. "
            + run.dataInterval().end(), definition.tasks().stream().map(TaskDefinition::name).toList());
    long start = System.nanoTime();
    Set<String> succeeded = new HashSet<>();
    Map<String, Instant> endedAt = new HashMap<>();
    for (TaskRun task : run.tasks()) {
      if (task.status() == TaskStatus.SUCCEEDED) {
        succeeded.add(task.task());
      }
    }
    Set<String> started = new HashSet<>(succeeded);
    Map<String, Future<TaskOutcome>> running = new HashMap<>();
    CompletionService<TaskOutcome> completions = new ExecutorCompletionService<>(taskWorkers);
    String error = null;
    boolean lost = false;
    try {
      while (true) {
        if (error == null) {
          error = runs.cancelRequestedBy(runId).map(actor -> "cancelled by " + actor).orElse(null);
        }
        if (!lost && !runs.holds(runId, node)) {
          // this node stalled past its lease and another node took the run over: start nothing more of it
          lost = true;
          log.warn("pipeline run {} of {} was taken over by another node: this node starts none of its tasks any "
              + "more", runId, run.pipeline());
        }
        if (error == null && !lost) {
          for (TaskDefinition task : definition.tasks()) {
            if (!started.contains(task.name()) && succeeded.containsAll(task.dependsOn())) {
              Instant readyAt = task.dependsOn().stream().map(endedAt::get).filter(t -> t != null)
                  .max(Instant::compareTo).orElse(claimedAt);
              started.add(task.name());
              running.put(task.name(), completions.submit(() -> runTask(run, definition, task, readyAt)));
            }
          }
        }
        if (running.isEmpty()) {
          break;
        }
        TaskOutcome outcome = completions.take().get();
        running.remove(outcome.task());
        if (outcome.error() == null) {
          succeeded.add(outcome.task());
          endedAt.put(outcome.task(), outcome.endedAt());
        } else if (error == null) {
          error = outcome.error();
        }
      }
    } catch (InterruptedException e) {
      running.values().forEach(future -> future.cancel(true));
      log.warn("pipeline run {} of {} interrupted: left RUNNING for recovery", runId, run.pipeline());
      throw e;
    } catch (ExecutionException e) {
      // a task failed outside its job (the database went away): record what can be recorded, then surface it
      running.values().forEach(future -> future.cancel(true));
      error = "the scheduler failed while running the pipeline: " + e.getCause();
      tryFinish(runId, error);
      metrics.runEnded(run.pipeline(), RunStatus.FAILED, Duration.ofNanos(System.nanoTime() - start));
      throw new IllegalStateException(error, e.getCause());
    }
    RunStatus outcome = error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED;
    if (lost || !runs.finish(runId, outcome, error, node)) {
      log.warn("pipeline run {} of {} is not this node's any more: its end is left to the node that holds it", runId,
          run.pipeline());
      return runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }
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
   * Runs one task, retrying as it says; the outcome's error is null when its job completed, else why the run fails.
   * A task that ran before (a run retried by hand, or recovered from a dead node) restarts its job execution.
   */
  private TaskOutcome runTask(PipelineRun run, PipelineDefinition definition, TaskDefinition task, Instant readyAt)
      throws InterruptedException {
    TaskLogs.attach(run.runId(), task.name());
    long start = System.nanoTime();
    try {
      TaskOutcome outcome = runAttachedTask(run, definition, task, readyAt);
      metrics.taskEnded(run.pipeline(), task.name(), outcome.error() == null ? TaskStatus.SUCCEEDED : TaskStatus.FAILED,
          Duration.ofNanos(System.nanoTime() - start));
      return outcome;
    } finally {
      TaskLogs.clear();
    }
  }

  /** {@link #runTask} with this thread's log lines kept as the task's. */
  private TaskOutcome runAttachedTask(PipelineRun run, PipelineDefinition definition, TaskDefinition task,
      Instant readyAt) throws InterruptedException {
    String name = task.name();
    Job job = jobs.get(task.job());
    if (job == null) {
      runs.taskStarted(run.runId(), name);
      String reason = "no Spring Batch job named '" + task.job() + "' on this node (known: "
          + new TreeSet<>(jobs.keySet()) + ")";
      runs.taskEnded(run.runId(), name, TaskStatus.FAILED, null, reason);
      return new TaskOutcome(name, "task " + name + " could not start: " + reason, Instant.now());
    }
    JobParameters parameters = parameters(run, definition, task);
    JobExecution previous = jobRepository.getLastJobExecution(job.getName(), parameters);
    if (previous != null && previous.isRunning()) {
      // the node that ran it is gone (this node holds the run): mark it FAILED so that it can be restarted
      log.warn("job execution {} of task {} (run {}) was left {} by a node that stopped: recovering it",
          previous.getId(), name, run.runId(), previous.getStatus());
      previous = jobOperator.recover(previous);
    }
    if (previous != null && previous.getStatus() == BatchStatus.COMPLETED) {
      runs.taskEnded(run.runId(), name, TaskStatus.SUCCEEDED, previous.getId(), "completed before a node stopped");
      return new TaskOutcome(name, null, Instant.now());
    }
    AtomicBoolean ended = new AtomicBoolean();
    ScheduledFuture<?> sla = task.sla().map(limit -> timers.schedule(LogContext.carrying(() -> {
      if (!ended.get()) {
        metrics.slaMissed(run.pipeline(), name);
        events.record(run.pipeline(), run.runId(), name, PipelineEvents.Kind.SLA_MISSED, "scheduler",
            "task " + name + " still running " + limit + " after it started (SLA " + limit + ")");
        log.warn("task {} of pipeline run {} missed its SLA of {}", name, run.runId(), limit);
      }
    }), limit.toMillis(), TimeUnit.MILLISECONDS)).orElse(null);
    try {
      return attempts(run, task, job, parameters, previous, readyAt);
    } finally {
      ended.set(true);
      if (sla != null) {
        sla.cancel(false);
      }
    }
  }

  private TaskOutcome attempts(PipelineRun run, TaskDefinition task, Job job, JobParameters parameters,
      JobExecution previous, Instant readyAt) throws InterruptedException {
    String name = task.name();
    for (int attempt = 1; ; attempt++) {
      runs.taskStarted(run.runId(), name);
      if (attempt == 1) {
        metrics.taskHandoff(run.pipeline(), Duration.between(readyAt, Instant.now()));
      }
      AtomicBoolean timedOut = new AtomicBoolean();
      ScheduledFuture<?> timeout = task.timeout().map(limit -> timers.schedule(LogContext.carrying(() -> {
        timedOut.set(true);
        stopIfRunning(job, parameters);
      }), limit.toMillis(), TimeUnit.MILLISECONDS)).orElse(null);
      JobExecution execution;
      try {
        execution = restartable(previous) ? jobOperator.restart(previous) : jobOperator.start(job, parameters);
      } catch (Exception e) {
        runs.taskEnded(run.runId(), name, TaskStatus.FAILED, previous == null ? null : previous.getId(),
            "could not start: " + e);
        return new TaskOutcome(name, "task " + name + " could not start: " + e.getMessage(), Instant.now());
      } finally {
        if (timeout != null) {
          timeout.cancel(false);
        }
      }
      runs.taskExecution(run.runId(), name, execution.getId());
      ExitStatus exit = execution.getExitStatus();
      String description = exit == null ? null : blankToNull(exit.getExitDescription());
      if (execution.getStatus() == BatchStatus.COMPLETED) {
        runs.taskEnded(run.runId(), name, TaskStatus.SUCCEEDED, execution.getId(), description);
        return new TaskOutcome(name, null, Instant.now());
      }
      String reason = firstFailure(execution);
      if (timedOut.get()) {
        Duration limit = task.timeout().orElseThrow();
        reason = "timed out after " + limit + " and was stopped";
        metrics.taskTimedOut(run.pipeline(), name);
        events.record(run.pipeline(), run.runId(), name, PipelineEvents.Kind.TIMED_OUT, "scheduler",
            "attempt " + attempt + " ran past the timeout of " + limit + "; job execution " + execution.getId()
                + " stopped " + execution.getStatus());
      }
      Optional<String> cancelledBy = runs.cancelRequestedBy(run.runId());
      if (cancelledBy.isPresent()) {
        reason = "cancelled by " + cancelledBy.get();
        runs.taskEnded(run.runId(), name, TaskStatus.FAILED, execution.getId(), reason);
        return new TaskOutcome(name, reason, Instant.now());
      }
      if (attempt <= task.retry().retries()) {
        Duration wait = task.retry().delayBefore(attempt + 1);
        log.warn("task {} of pipeline run {} ended {} (attempt {} of {}): {}; restarting job execution {} in {} ms",
            name, run.runId(), execution.getStatus(), attempt, task.retry().retries() + 1, reason, execution.getId(),
            wait.toMillis());
        metrics.taskRetried(run.pipeline(), name);
        Thread.sleep(wait.toMillis());
        previous = execution;
        continue;
      }
      runs.taskEnded(run.runId(), name, TaskStatus.FAILED, execution.getId(),
          timedOut.get() || description == null ? reason : description);
      return new TaskOutcome(name, "task " + name + " ended " + execution.getStatus() + " (job execution "
          + execution.getId() + ")" + (attempt > 1 ? " after " + attempt + " attempts" : "")
          + (reason == null ? "" : ": " + reason), Instant.now());
    }
  }

  /** Asks every running job execution of the run to stop (a cancel): each stops at its next chunk boundary. */
  public void stopRunningJobs(long runId) {
    for (long execution : runs.runningJobExecutions(runId)) {
      try {
        jobOperator.stop(execution);
      } catch (Exception e) {
        log.warn("could not stop job execution {} of run {}: {}", execution, runId, e.toString());
      }
    }
  }

  /** Asks the task's job execution to stop, if it is running: its step stops at its next chunk boundary. */
  private void stopIfRunning(Job job, JobParameters parameters) {
    try {
      JobExecution execution = jobRepository.getLastJobExecution(job.getName(), parameters);
      if (execution != null && execution.isRunning()) {
        jobOperator.stop(execution);
      }
    } catch (Exception e) {
      log.warn("could not stop job {} at its timeout: {}", job.getName(), e.toString());
    }
  }

  /** A job execution that can be resumed: it failed or was stopped. */
  private static boolean restartable(JobExecution execution) {
    return execution != null
        && (execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED);
  }

  /** The task's job parameters: fixed for the run and task, so that a restart finds the same job instance. */
  static JobParameters parameters(PipelineRun run, PipelineDefinition definition, TaskDefinition task) {
    JobParametersBuilder builder = new JobParametersBuilder();
    ZoneId zone = definition.schedule().map(s -> s.zone()).orElse(ZoneOffset.UTC);
    // templates cannot name the reserved parameters: PipelineDefinitions refuses them at start
    TaskParameters.render(task.params(), run.runId(), run.dataInterval(), zone, run.parameters())
        .forEach(builder::addString);
    if (run.dataInterval() != null) {
      builder.addString("dataIntervalStart", run.dataInterval().start().toString())
          .addString("dataIntervalEnd", run.dataInterval().end().toString());
    }
    return builder
        .addLong("pipelineRunId", run.runId())
        .addString("pipeline", run.pipeline())
        .addString("task", task.name())
        .addString("trigger", run.trigger().name())
        .toJobParameters();
  }

  private static String firstFailure(JobExecution execution) {
    List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
    if (failures.isEmpty()) {
      ExitStatus exit = execution.getExitStatus();
      return exit == null ? null : exit.getExitCode();
    }
    // the root cause says what went wrong; Spring Batch's wrappers ("Unable to process chunk") do not
    Throwable first = failures.get(0);
    while (first.getCause() != null && first.getCause() != first) {
      first = first.getCause();
    }
    return first.getMessage() == null ? first.getClass().getName()
        : first.getClass().getSimpleName() + ": " + first.getMessage().lines().findFirst().orElse("");
  }

  private void tryFinish(long runId, String error) {
    try {
      runs.finish(runId, RunStatus.FAILED, error, node);
    } catch (RuntimeException e) {
      log.error("could not record the failure of pipeline run {}: {}", runId, e.toString());
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
