package dev.trii.scheduler.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One version of a pipeline: a DAG of tasks (each a Spring Batch job), an optional schedule, limits on active runs,
 * and the parameters a manual run may set.
 *
 * @param tasks in an order where every task comes after the tasks it depends on
 * @param maxActiveRuns scheduled and manual runs running at once
 * @param maxActiveBackfillRuns backfill runs running at once, next to (never instead of) the others
 * @param contentHash identifies the definition's content: two nodes with the same version must agree on it
 * @param file where the definition came from, for messages
 */
public record PipelineDefinition(String name, int version, String description, Optional<Schedule> schedule,
    int maxActiveRuns, int maxActiveBackfillRuns, Map<String, ParamDefinition> params, List<TaskDefinition> tasks,
    String contentHash, String file) {

  /** Lower-case names that fit in URLs and Quartz keys. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public PipelineDefinition {
    params = Map.copyOf(params);
    tasks = List.copyOf(tasks);
  }

  public Optional<TaskDefinition> task(String name) {
    return tasks.stream().filter(task -> task.name().equals(name)).findFirst();
  }

  /** The Spring Batch jobs the tasks run. */
  public Set<String> jobs() {
    return tasks.stream().map(TaskDefinition::job).collect(Collectors.toSet());
  }

  /**
   * A manual run's parameters checked against {@link #params} and completed with their defaults.
   *
   * @throws IllegalArgumentException saying which parameter is unknown, missing or of the wrong kind
   */
  public Map<String, String> resolveParameters(Map<String, String> given) {
    for (String key : given.keySet()) {
      if (!params.containsKey(key)) {
        throw new IllegalArgumentException("pipeline " + name + " has no parameter '" + key + "'"
            + (params.isEmpty() ? " (it takes none)" : " (it takes " + params.keySet().stream().sorted().toList() + ")"));
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    for (ParamDefinition param : params.values()) {
      String value = given.containsKey(param.name()) ? given.get(param.name()) : param.fallback().orElse(null);
      if (value == null) {
        if (param.required()) {
          throw new IllegalArgumentException("pipeline " + name + " needs parameter " + param.name()
              + (param.description().isEmpty() ? "" : " (" + param.description() + ")"));
        }
        continue;
      }
      param.check(value).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      resolved.put(param.name(), value);
    }
    return resolved;
  }
}
