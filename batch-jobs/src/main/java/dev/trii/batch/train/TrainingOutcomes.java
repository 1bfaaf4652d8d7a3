package dev.trii.batch.train;

import dev.trii.training.TrainingOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The full outcomes of recent trainJob executions, kept in memory by job execution id for callers in the same
 * process (the batch runner, the scheduler's console); the execution context holds the durable summary.
 */
public class TrainingOutcomes {

  private static final int KEEP = 50;

  private final Map<Long, TrainingOutcome> byExecution = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, TrainingOutcome> eldest) {
      return size() > KEEP;
    }
  };

  synchronized void put(long jobExecutionId, TrainingOutcome outcome) {
    byExecution.put(jobExecutionId, outcome);
  }

  /** The outcome of a trainJob execution, when it produced one in this process. */
  public synchronized Optional<TrainingOutcome> forExecution(long jobExecutionId) {
    return Optional.ofNullable(byExecution.get(jobExecutionId));
  }
}
