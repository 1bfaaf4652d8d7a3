package dev.trii.scheduler;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The scheduler service: Quartz (JDBC job store on the platform's PostgreSQL, clustered) runs pipelines of Spring
 * Batch jobs on cron and on request, and the job console API shows and starts them. Listens on
 * {@code TRII_SCHEDULER_PORT}; the platform beans and batch jobs come from {@link PlatformConfiguration}.
 */
@SpringBootApplication
public class SchedulerApplication {

  public static void main(String[] args) {
    int port;
    try {
      port = TriiConfig.load().port(Settings.SCHEDULER_PORT);
    } catch (TriiException e) {
      System.err.println("scheduler: " + e.getMessage());
      System.exit(2);
      return;
    }
    SpringApplication application = new SpringApplication(SchedulerApplication.class);
    // lowest precedence: an explicit server.port (command line, SERVER_PORT) still wins
    application.setDefaultProperties(Map.of("server.port", Integer.toString(port)));
    application.run(args);
  }
}
