package dev.trii.batch;

import dev.trii.training.TrainingOutcome;
import java.util.List;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;

/**
 * What {@link BatchRunner#run} did: each job started, in order, and the training outcome when trainJob ran.
 *
 * @param jobs the jobs started, in order; a job that failed ends the list
 * @param trainingOutcome the trainJob's outcome, null when it did not run or failed
 */
public record BatchRunResult(List<JobRun> jobs, TrainingOutcome trainingOutcome) {

  public BatchRunResult {
    jobs = List.copyOf(jobs);
  }

  /**
   * One job execution.
   *
   * @param failures the exceptions that failed it (job and steps), empty when none
   */
  public record JobRun(String jobName, long executionId, BatchStatus status, String exitCode, String exitDescription,
      List<StepRun> steps, List<Throwable> failures) {

    public JobRun {
      steps = List.copyOf(steps);
      failures = List.copyOf(failures);
    }
  }

  /** One step execution with its counters. */
  public record StepRun(String stepName, BatchStatus status, String exitCode, long readCount, long writeCount,
      long filterCount, long skipCount) {}

  /** True when every requested job completed (a gate that kept the candidate out still counts as completed). */
  public boolean succeeded() {
    return jobs.stream().allMatch(job -> job.status() == BatchStatus.COMPLETED);
  }

  public Optional<TrainingOutcome> training() {
    return Optional.ofNullable(trainingOutcome);
  }

  /** The run of the named job, when it was started. */
  public Optional<JobRun> job(String jobName) {
    return jobs.stream().filter(job -> job.jobName().equals(jobName)).findFirst();
  }
}
