package dev.trii.scheduler.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One task of a pipeline: a Spring Batch job run once every task it depends on succeeded.
 *
 * @param job the Spring Batch job's bean name
 * @param timeout the longest one attempt may run before the job is asked to stop
 * @param sla how long the task may take from its first start before an SLA miss is recorded
 * @param params job parameters, as templates ({@link TaskParameters})
 */
public record TaskDefinition(String name, String job, List<String> dependsOn, RetryPolicy retry,
    Optional<Duration> timeout, Optional<Duration> sla, Map<String, String> params) {

  public TaskDefinition {
    dependsOn = List.copyOf(dependsOn);
    params = Map.copyOf(params);
  }
}
