package dev.trii.scheduler.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pipelines defined in Spring properties, next to the built-in ones: {@code trii.pipelines.<name>.tasks} (job bean
 * names in order), optionally {@code trii.pipelines.<name>.cron}, {@code .retries} and {@code .retry-delay}. A definition named like a built-in pipeline
 * replaces its tasks and, when given, its cron.
 */
@ConfigurationProperties("trii")
public record PipelineProperties(Map<String, Spec> pipelines) {

  public PipelineProperties {
    pipelines = pipelines == null ? Map.of() : Map.copyOf(pipelines);
  }

  /**
   * One pipeline's properties.
   *
   * @param retries automatic retries of a failed task (default 0)
   * @param retryDelay wait before the first retry, doubling after each (default 30 s, at most 10 min)
   */
  public record Spec(List<String> tasks, String cron, Integer retries, Duration retryDelay) {}
}
