package dev.trii.scheduler.quartz;

import dev.trii.scheduler.pipeline.PipelineCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the pipelines' schedules into the Quartz scheduler that Spring Boot configures (JDBC job store, clustered),
 * once every bean exists and before the web server starts, and watches for stuck triggers
 * ({@code trii.scheduler.watchdog.interval}, default 60 s).
 */
@Configuration(proxyBeanMethods = false)
public class QuartzConfiguration {

  @Bean
  QuartzPipelineTriggers pipelineTriggers(Scheduler scheduler, PipelineCatalog catalog) {
    return new QuartzPipelineTriggers(scheduler, catalog);
  }

  @Bean
  SmartInitializingSingleton scheduleRegistration(QuartzPipelineTriggers triggers) {
    return triggers::register;
  }

  @Bean
  StuckTriggerWatchdog stuckTriggerWatchdog(DataSource dataSource, Scheduler scheduler, MeterRegistry meters,
      @Value("${trii.scheduler.watchdog.interval:60s}") Duration interval) throws SchedulerException {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("trii.scheduler.watchdog.interval must be > 0, got " + interval);
    }
    return new StuckTriggerWatchdog(dataSource, scheduler.getSchedulerName(), interval, meters);
  }
}
