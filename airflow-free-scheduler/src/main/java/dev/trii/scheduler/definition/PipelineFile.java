package dev.trii.scheduler.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A pipeline file as written (YAML, snake_case keys), before it is checked; {@link PipelineDefinitions} turns it
 * into a {@link PipelineDefinition}. The same shape is stored as JSON for each published version.
 *
 * <pre>
 * name: daily
 * version: 1
 * schedule: {cron: "0 30 17 ? * MON-FRI", time_zone: America/New_York, misfire: run_once}
 * max_active_runs: 1
 * params:
 *   model_name: {type: string, description: "registered model name"}
 * tasks:
 *   quality:  {job: qualityJob, retries: 2, retry_delay: 30s, timeout: 30m, sla: 20m}
 *   features: {job: featuresJob, depends_on: [quality]}
 * </pre>
 */
public record PipelineFile(String name, Integer version, String description, ScheduleSpec schedule,
    Integer maxActiveRuns, Integer maxActiveBackfillRuns, Map<String, ParamSpec> params, Map<String, TaskSpec> tasks) {

  /**
   * @param cron Quartz cron (seconds minutes hours day-of-month month day-of-week), read as wall-clock time in the
   *     zone
   * @param misfire what to do with the fire times missed while no scheduler ran: {@code run_once} (default),
   *     {@code skip} or {@code catch_up}
   */
  public record ScheduleSpec(String cron, String timeZone, String misfire) {}

  /**
   * A parameter a manual run may set.
   *
   * @param type {@code string} (default), {@code integer}, {@code number}, {@code boolean} or {@code date}
   * @param fallback the value when a run does not give one ({@code default} in the file)
   * @param allowed the only values accepted, when given
   */
  public record ParamSpec(String type, Boolean required, @JsonProperty("default") String fallback,
      String description, List<String> allowed) {}

  /**
   * One task: a Spring Batch job.
   *
   * @param retryDelay wait before the first retry, doubling after each (e.g. {@code 30s}, {@code 2m})
   * @param timeout the longest one attempt may run before the job is asked to stop
   * @param sla how long the task may take from its first start before an SLA miss is recorded
   * @param params job parameters, templated: {@code {{ data_interval_start }}}, {@code {{ data_interval_end }}},
   *     {@code {{ start_date }}}, {@code {{ end_date }}}, {@code {{ run_id }}}, {@code {{ params.NAME }}}
   */
  public record TaskSpec(String job, List<String> dependsOn, Integer retries, String retryDelay, String timeout,
      String sla, Map<String, String> params) {}
}
