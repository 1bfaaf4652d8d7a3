package dev.trii.batch.train;

import dev.trii.training.TrainingOutcome;
import dev.trii.training.TrainingPipeline;
import java.time.Instant;
import java.util.Map;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs train-and-gate for one model (the configured one, or the job parameter {@value #MODEL_NAME_PARAMETER}), on the
 * feature rows before {@value #DATA_UNTIL_PARAMETER} when the run has a data interval, promoting unless
 * {@value #PROMOTE_PARAMETER} is {@code false} or the scheduler's run is a backfill, and
 * reports the outcome in the step's and the job's execution context
 * (keys {@code model_version}, {@code gate_passed}, {@code promoted}, {@code champion_version}, {@code run_id},
 * {@code gate_summary}, {@code metric.<name>}) and in the exit status: {@code COMPLETED} when the candidate was
 * promoted, {@value #GATE_FAILED} when the gate kept it out — a decision, not an error. Errors fail the step.
 */
public class TrainAndGateTasklet implements Tasklet {

  /** Exit code of a run whose candidate the gate rejected. */
  public static final String GATE_FAILED = "GATE_FAILED";
  /** Optional job parameter naming the model to train instead of the configured one. */
  public static final String MODEL_NAME_PARAMETER = "model.name";
  /**
   * Optional job parameter (an ISO instant): train on the feature rows before it only, as a run for that moment would
   * have. Set by the scheduler from the run's data interval.
   */
  public static final String DATA_UNTIL_PARAMETER = "dataIntervalEnd";
  /** Optional job parameter: {@code false} trains and gates without moving the champion. */
  public static final String PROMOTE_PARAMETER = "promote";
  /**
   * Job parameter the scheduler sets: a {@code BACKFILL} run recomputes history and never moves the champion (a model
   * as of a past day must not replace today's).
   */
  public static final String TRIGGER_PARAMETER = "trigger";

  private final TrainingPipeline pipeline;
  private final String defaultModelName;
  private final TrainingOutcomes outcomes;

  public TrainAndGateTasklet(TrainingPipeline pipeline, String defaultModelName, TrainingOutcomes outcomes) {
    this.pipeline = pipeline;
    this.defaultModelName = defaultModelName;
    this.outcomes = outcomes;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    Object requested = chunkContext.getStepContext().getJobParameters().get(MODEL_NAME_PARAMETER);
    String modelName = requested == null || requested.toString().isBlank() ? defaultModelName : requested.toString();
    Map<String, Object> parameters = chunkContext.getStepContext().getJobParameters();
    Object until = parameters.get(DATA_UNTIL_PARAMETER);
    boolean promote = !"false".equalsIgnoreCase(String.valueOf(parameters.get(PROMOTE_PARAMETER)))
        && !"BACKFILL".equals(String.valueOf(parameters.get(TRIGGER_PARAMETER)));
    TrainingOutcome outcome = pipeline.trainAndGate(modelName,
        until == null || until.toString().isBlank() ? null : Instant.parse(until.toString()), promote);
    StepExecution step = chunkContext.getStepContext().getStepExecution();
    JobExecution job = step.getJobExecution();
    record(step.getExecutionContext(), outcome);
    record(job.getExecutionContext(), outcome);
    outcomes.put(job.getId(), outcome);
    String description = modelName + " v" + outcome.version() + ": " + outcome.summary();
    contribution.setExitStatus(outcome.passed()
        ? ExitStatus.COMPLETED.addExitDescription(description)
        : new ExitStatus(GATE_FAILED, description));
    return RepeatStatus.FINISHED;
  }

  private static void record(ExecutionContext context, TrainingOutcome outcome) {
    context.putString("model_name", outcome.modelName());
    context.putInt("model_version", outcome.version());
    context.putString("gate_passed", String.valueOf(outcome.passed()));
    context.putString("promoted", String.valueOf(outcome.promoted()));
    context.putString("champion_version", outcome.championAfter() == null ? "" : outcome.championAfter().toString());
    context.putString("run_id", outcome.runId());
    context.putString("gate_summary", outcome.summary());
    context.putString("device", outcome.device());
    for (Map.Entry<String, Double> metric : outcome.keyMetrics().entrySet()) {
      context.putDouble("metric." + metric.getKey(), metric.getValue());
    }
  }
}
