package dev.trii.scheduler.logging;

import dev.trii.core.config.LogFormat;
import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Wires {@code TRII_LOG_FORMAT} to Spring Boot's structured logging before logging starts: {@code json} sets
 * {@code logging.structured.format.console} to {@link SchedulerLogFormatter} (unless the property is set already);
 * {@code text}, the default, leaves Boot's console pattern. The value comes from the platform's configuration
 * (environment or {@code trii.properties}), or from the Spring property {@code trii.log.format}, which wins as for
 * every setting. A value other than {@code text} or {@code json} stops the start, naming the setting.
 */
public final class LogFormatEnvironment implements EnvironmentPostProcessor {

  /** The Spring property that switches Boot's console to structured lines. */
  static final String CONSOLE_FORMAT = "logging.structured.format.console";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Setting setting = Settings.LOG_FORMAT;
    String override = environment.getProperty("trii." + setting.key());
    TriiConfig config = TriiConfig.load(System.getenv(), override == null ? Map.of() : Map.of(setting, override));
    if (config.logFormat() == LogFormat.JSON && !environment.containsProperty(CONSOLE_FORMAT)) {
      environment.getPropertySources().addLast(new MapPropertySource("trii-log-format",
          Map.of(CONSOLE_FORMAT, SchedulerLogFormatter.class.getName())));
    }
  }
}
