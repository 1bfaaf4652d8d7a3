package dev.trii.batch;

import dev.trii.batch.platform.PlatformBeans;
import dev.trii.batch.train.TrainingOutcomes;
import dev.trii.core.Platform;
import dev.trii.core.config.TriiConfig;
import dev.trii.training.TrainingOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs batch jobs without the scheduler (the launcher's {@code ./trii train --gate}, the demo): starts a non-web
 * Spring context with the batch jobs for the given configuration, starts each named job in order through the
 * {@link JobOperator} with fresh parameters, stops at the first job that does not complete, and closes the context.
 */
public final class BatchRunner {

  /** The jobs that train a model, in pipeline order. */
  public static final List<String> PIPELINE = List.of(JobNames.QUALITY, JobNames.FEATURES, JobNames.TRAIN);

  private BatchRunner() {}

  /**
   * Runs the jobs in order.
   *
   * @param jobNames names from {@link JobNames}, e.g. {@link #PIPELINE}
   * @return each job's status and counters, and trainJob's {@link TrainingOutcome}
   * @throws IllegalArgumentException for an unknown job name
   */
  public static BatchRunResult run(TriiConfig config, List<String> jobNames) {
    return run(config, jobNames, Map.of());
  }

  /**
   * Runs the jobs in order with extra Spring properties (e.g. {@code trii.training.rounds}).
   *
   * @throws IllegalArgumentException for an unknown job name
   */
  public static BatchRunResult run(TriiConfig config, List<String> jobNames, Map<String, Object> springProperties) {
    checkNames(jobNames);
    Map<String, Object> properties = PlatformBeans.asProperties(config);
    properties.putAll(springProperties);
    try (ConfigurableApplicationContext context = BatchApplication.start(properties)) {
      return runJobs(context, jobNames, Map.of());
    }
  }

  /**
   * Runs the jobs on a platform the caller already opened (e.g. the launcher's embedded PostgreSQL and local
   * S3Proxy); the platform stays open.
   *
   * @throws IllegalArgumentException for an unknown job name
   */
  public static BatchRunResult run(Platform platform, List<String> jobNames, Map<String, Object> springProperties) {
    return run(platform, jobNames, springProperties, Map.of());
  }

  /**
   * Runs the jobs on a platform the caller already opened, each with these job parameters too (e.g. the report job's
   * {@code reportFrom} and {@code reportTo}).
   *
   * @throws IllegalArgumentException for an unknown job name
   */
  public static BatchRunResult run(Platform platform, List<String> jobNames, Map<String, Object> springProperties,
      Map<String, String> jobParameters) {
    checkNames(jobNames);
    try (ConfigurableApplicationContext context = BatchApplication.start(springProperties, platform)) {
      return runJobs(context, jobNames, jobParameters);
    }
  }

  private static void checkNames(List<String> jobNames) {
    for (String name : jobNames) {
      if (!JobNames.ALL.contains(name)) {
        throw new IllegalArgumentException("unknown batch job '" + name + "' (known: " + JobNames.ALL + ")");
      }
    }
  }

  /**
   * Runs the jobs, each with these job parameters too, in an already started context holding
   * {@link BatchJobsConfiguration}.
   */
  public static BatchRunResult runJobs(ConfigurableApplicationContext context, List<String> jobNames,
      Map<String, String> jobParameters) {
    JobOperator operator = context.getBean(JobOperator.class);
    TrainingOutcomes outcomes = context.getBean(TrainingOutcomes.class);
    List<BatchRunResult.JobRun> runs = new ArrayList<>();
    TrainingOutcome training = null;
    for (String name : jobNames) {
      Job job = context.getBean(name, Job.class);
      JobExecution execution = start(operator, job, jobParameters);
      runs.add(describe(name, execution));
      if (name.equals(JobNames.TRAIN)) {
        training = outcomes.forExecution(execution.getId()).orElse(null);
      }
      if (execution.getStatus() != BatchStatus.COMPLETED) {
        break;
      }
    }
    return new BatchRunResult(runs, training);
  }

  /** Starts the job and returns its ended execution: the context's job operator runs jobs synchronously. */
  private static JobExecution start(JobOperator operator, Job job, Map<String, String> jobParameters) {
    JobParametersBuilder builder = new JobParametersBuilder()
        .addLong("run.started", System.currentTimeMillis())
        .addString("run.by", "BatchRunner");
    jobParameters.forEach(builder::addString);
    JobParameters parameters = builder.toJobParameters();
    try {
      return operator.start(job, parameters);
    } catch (Exception e) {
      throw new IllegalStateException("could not start " + job.getName() + ": " + e.getMessage(), e);
    }
  }

  private static BatchRunResult.JobRun describe(String name, JobExecution execution) {
    List<BatchRunResult.StepRun> steps = new ArrayList<>();
    for (StepExecution step : execution.getStepExecutions()) {
      steps.add(new BatchRunResult.StepRun(step.getStepName(), step.getStatus(), step.getExitStatus().getExitCode(),
          step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount()));
    }
    List<Throwable> failures = List.copyOf(execution.getAllFailureExceptions());
    return new BatchRunResult.JobRun(name, execution.getId(), execution.getStatus(),
        execution.getExitStatus().getExitCode(), execution.getExitStatus().getExitDescription(), steps, failures);
  }
}
