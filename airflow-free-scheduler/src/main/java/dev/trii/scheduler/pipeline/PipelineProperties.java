package dev.trii.scheduler.pipeline;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pipelines defined in Spring properties, next to the built-in ones: {@code trii.pipelines.<name>.tasks} (job bean
 * names in order) and optionally {@code trii.pipelines.<name>.cron}. A definition named like a built-in pipeline
 * replaces its tasks and, when given, its cron.
 */
@ConfigurationProperties("trii")
public record PipelineProperties(Map<String, Spec> pipelines) {

  public PipelineProperties {
    pipelines = pipelines == null ? Map.of() : Map.copyOf(pipelines);
  }

  /** One pipeline's properties. */
  public record Spec(List<String> tasks, String cron) {}
}
