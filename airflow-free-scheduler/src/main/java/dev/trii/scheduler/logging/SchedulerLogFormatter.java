package dev.trii.scheduler.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.trii.core.logging.LogEventJson;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * The scheduler's structured log format for Spring Boot ({@code logging.structured.format.console}, set by
 * {@link LogFormatEnvironment} when {@code TRII_LOG_FORMAT=json}): the platform's JSON line ({@link LogEventJson}),
 * the same shape as every other service's, naming the service by {@code spring.application.name}.
 */
public final class SchedulerLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  private final LogEventJson json;

  /** Boot builds it with the application's environment. */
  public SchedulerLogFormatter(Environment environment) {
    this.json = new LogEventJson(environment.getProperty("spring.application.name", "trii-scheduler"));
  }

  @Override
  public String format(ILoggingEvent event) {
    return json.format(event);
  }
}
