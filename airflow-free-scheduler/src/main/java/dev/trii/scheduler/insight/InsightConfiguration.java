package dev.trii.scheduler.insight;

import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.registry.ModelRegistry;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's views of the model registry and of the data. */
@Configuration(proxyBeanMethods = false)
public class InsightConfiguration {

  @Bean
  ModelConsole modelConsole(ModelRegistry registry, DataSource dataSource) {
    return new ModelConsole(registry, new LiveAccuracy(dataSource));
  }

  @Bean
  DataInsights dataInsights(DataSource dataSource) {
    return new DataInsights(dataSource);
  }
}
