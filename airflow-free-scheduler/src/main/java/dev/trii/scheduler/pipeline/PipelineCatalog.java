package dev.trii.scheduler.pipeline;

import dev.trii.batch.BatchRunner;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every pipeline the scheduler knows, in one place: the built-in {@code daily} pipeline (quality, features, train)
 * on {@code TRII_SCHEDULER_CRON} in {@code TRII_SCHEDULER_TIMEZONE}, plus those defined in {@link PipelineProperties}.
 * A cron of {@code off} leaves a pipeline unscheduled (runs on request only).
 */
public final class PipelineCatalog {

  /** The built-in daily pipeline. */
  public static final String DAILY = "daily";

  private final Map<String, PipelineDefinition> pipelines;
  /** Sorted by name. */
  private final List<PipelineDefinition> all;

  private PipelineCatalog(SortedMap<String, PipelineDefinition> byName) {
    this.pipelines = Map.copyOf(byName);
    this.all = List.copyOf(byName.values());
  }

  /**
   * The built-in pipelines with the property-defined ones on top.
   *
   * @throws TriiException naming the bad setting or property
   */
  public static PipelineCatalog from(TriiConfig config, PipelineProperties properties) {
    ZoneId zone;
    try {
      zone = ZoneId.of(config.get(Settings.SCHEDULER_TIMEZONE));
    } catch (DateTimeException e) {
      throw new TriiException(Settings.SCHEDULER_TIMEZONE + " must be a time zone like America/New_York, got '"
          + config.get(Settings.SCHEDULER_TIMEZONE) + "'");
    }
    SortedMap<String, PipelineDefinition> definitions = new TreeMap<>();
    try {
      // the batch jobs in their pipeline order: quality, features, train
      definitions.put(DAILY,
          new PipelineDefinition(DAILY, BatchRunner.PIPELINE, cron(config.get(Settings.SCHEDULER_CRON)), zone));
    } catch (IllegalArgumentException e) {
      throw new TriiException(Settings.SCHEDULER_CRON + ": " + e.getMessage());
    }
    properties.pipelines().forEach((name, spec) -> {
      PipelineDefinition builtIn = definitions.get(name);
      List<String> tasks = spec.tasks() != null ? spec.tasks() : builtIn == null ? List.of() : builtIn.tasks();
      Optional<String> cron = spec.cron() != null ? cron(spec.cron()) : builtIn == null ? Optional.empty() : builtIn.cron();
      RetryPolicy inherited = builtIn == null ? RetryPolicy.NONE : builtIn.retry();
      try {
        RetryPolicy retry = new RetryPolicy(spec.retries() == null ? inherited.retries() : spec.retries(),
            spec.retryDelay() == null ? inherited.firstDelay() : spec.retryDelay(), inherited.maxDelay());
        definitions.put(name, new PipelineDefinition(name, tasks, cron, zone, retry));
      } catch (IllegalArgumentException e) {
        throw new TriiException("trii.pipelines." + name + ": " + e.getMessage());
      }
    });
    return new PipelineCatalog(definitions);
  }

  private static Optional<String> cron(String value) {
    return value == null || value.isBlank() || value.trim().equalsIgnoreCase("off") ? Optional.empty()
        : Optional.of(value.trim());
  }

  /** Every pipeline, sorted by name. */
  public List<PipelineDefinition> all() {
    return all;
  }

  public Optional<PipelineDefinition> find(String name) {
    return Optional.ofNullable(pipelines.get(name));
  }

  /**
   * @throws UnknownPipelineException when no pipeline has that name
   */
  public PipelineDefinition require(String name) {
    return find(name).orElseThrow(() -> new UnknownPipelineException(name, pipelines.keySet()));
  }
}
