package dev.trii.scheduler.pipeline;

import dev.trii.batch.JobNames;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every pipeline the scheduler knows, in one place: the built-in {@code daily} pipeline (quality, features, train)
 * on {@code TRII_SCHEDULER_CRON} in {@code TRII_MARKET_TIMEZONE}, plus those defined in {@link PipelineProperties}.
 * A cron of {@code off} leaves a pipeline unscheduled (runs on request only).
 */
public final class PipelineCatalog {

  /** The built-in daily pipeline. */
  public static final String DAILY = "daily";
  static final List<String> DAILY_TASKS = List.of(JobNames.QUALITY, JobNames.FEATURES, JobNames.TRAIN);

  private final Map<String, PipelineDefinition> pipelines;

  PipelineCatalog(Collection<PipelineDefinition> definitions) {
    Map<String, PipelineDefinition> byName = new LinkedHashMap<>();
    definitions.forEach(definition -> byName.put(definition.name(), definition));
    this.pipelines = Map.copyOf(byName);
  }

  /**
   * The built-in pipelines with the property-defined ones on top.
   *
   * @throws TriiException naming the bad setting or property
   */
  public static PipelineCatalog from(TriiConfig config, PipelineProperties properties) {
    ZoneId zone;
    try {
      zone = ZoneId.of(config.get(Settings.MARKET_TIMEZONE));
    } catch (DateTimeException e) {
      throw new TriiException(Settings.MARKET_TIMEZONE + " must be a time zone like America/New_York, got '"
          + config.get(Settings.MARKET_TIMEZONE) + "'");
    }
    Map<String, PipelineDefinition> definitions = new LinkedHashMap<>();
    try {
      definitions.put(DAILY, new PipelineDefinition(DAILY, DAILY_TASKS, cron(config.get(Settings.SCHEDULER_CRON)), zone));
    } catch (IllegalArgumentException e) {
      throw new TriiException(Settings.SCHEDULER_CRON + ": " + e.getMessage());
    }
    properties.pipelines().forEach((name, spec) -> {
      PipelineDefinition builtIn = definitions.get(name);
      List<String> tasks = spec.tasks() != null ? spec.tasks() : builtIn == null ? List.of() : builtIn.tasks();
      Optional<String> cron = spec.cron() != null ? cron(spec.cron()) : builtIn == null ? Optional.empty() : builtIn.cron();
      try {
        definitions.put(name, new PipelineDefinition(name, tasks, cron, zone));
      } catch (IllegalArgumentException e) {
        throw new TriiException("trii.pipelines." + name + ": " + e.getMessage());
      }
    });
    return new PipelineCatalog(definitions.values());
  }

  private static Optional<String> cron(String value) {
    return value == null || value.isBlank() || value.trim().equalsIgnoreCase("off") ? Optional.empty()
        : Optional.of(value.trim());
  }

  /** Every pipeline, sorted by name. */
  public List<PipelineDefinition> all() {
    return pipelines.values().stream().sorted(java.util.Comparator.comparing(PipelineDefinition::name)).toList();
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
