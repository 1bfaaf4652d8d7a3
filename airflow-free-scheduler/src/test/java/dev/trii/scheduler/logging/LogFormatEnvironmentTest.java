package dev.trii.scheduler.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.TriiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** TRII_LOG_FORMAT as Spring Boot's structured logging sees it, before logging starts. */
class LogFormatEnvironmentTest {

  private final SpringApplication application = new SpringApplication(LogFormatEnvironmentTest.class);

  @Test
  void jsonSwitchesBootsConsoleToThePlatformsJsonLines() {
    StandardEnvironment environment = environment(Map.of("trii.log.format", "json"));

    new LogFormatEnvironment().postProcessEnvironment(environment, application);

    assertThat(environment.getProperty(LogFormatEnvironment.CONSOLE_FORMAT))
        .isEqualTo(SchedulerLogFormatter.class.getName());
  }

  @Test
  void textLeavesBootsConsolePattern() {
    StandardEnvironment environment = environment(Map.of("trii.log.format", "text"));

    new LogFormatEnvironment().postProcessEnvironment(environment, application);

    assertThat(environment.containsProperty(LogFormatEnvironment.CONSOLE_FORMAT)).isFalse();
  }

  @Test
  void aStructuredFormatChosenExplicitlyStays() {
    StandardEnvironment environment =
        environment(Map.of("trii.log.format", "json", LogFormatEnvironment.CONSOLE_FORMAT, "ecs"));

    new LogFormatEnvironment().postProcessEnvironment(environment, application);

    assertThat(environment.getProperty(LogFormatEnvironment.CONSOLE_FORMAT)).isEqualTo("ecs");
  }

  @Test
  void anyOtherValueStopsTheStartNamingTheSetting() {
    StandardEnvironment environment = environment(Map.of("trii.log.format", "yaml"));

    assertThatThrownBy(() -> new LogFormatEnvironment().postProcessEnvironment(environment, application))
        .isInstanceOf(TriiException.class)
        .hasMessage("TRII_LOG_FORMAT must be text or json, got 'yaml'");
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
