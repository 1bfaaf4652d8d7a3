package dev.trii.scheduler.pipeline;

import dev.trii.core.config.TriiConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pipeline catalog, the run repository, the runner, its metrics and the console's service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineProperties.class)
public class PipelineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PipelineConfiguration.class);

  @Bean
  PipelineCatalog pipelineCatalog(TriiConfig config, PipelineProperties properties, Map<String, Job> jobs) {
    PipelineCatalog catalog = PipelineCatalog.from(config, properties);
    for (PipelineDefinition pipeline : catalog.all()) {
      var missing = pipeline.tasks().stream().filter(task -> !jobs.containsKey(task)).toList();
      if (!missing.isEmpty()) {
        // not fatal: the jobs may come with a later build; a run fails on the missing task and says so
        log.warn("pipeline {} names jobs that do not exist: {} (known jobs: {})", pipeline.name(), missing,
            new TreeSet<>(jobs.keySet()));
      }
    }
    return catalog;
  }

  @Bean
  PipelineRunRepository pipelineRunRepository(DataSource dataSource) {
    return new PipelineRunRepository(dataSource);
  }

  @Bean
  PipelineMetrics pipelineMetrics(MeterRegistry registry) {
    return new PipelineMetrics(registry);
  }

  @Bean
  PipelineRunner pipelineRunner(PipelineCatalog catalog, PipelineRunRepository runs, JobOperator jobOperator,
      JobRepository jobRepository, Map<String, Job> jobs, PipelineMetrics metrics) {
    return new PipelineRunner(catalog, runs, jobOperator, jobRepository, jobs, metrics);
  }

  @Bean
  PipelineService pipelineService(PipelineCatalog catalog, PipelineRunner runner, PipelineRunRepository runs,
      PipelineTriggers triggers) {
    return new PipelineService(catalog, runner, runs, triggers);
  }
}
