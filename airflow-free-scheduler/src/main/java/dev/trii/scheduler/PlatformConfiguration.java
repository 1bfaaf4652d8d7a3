package dev.trii.scheduler;

import dev.trii.batch.BatchJobsConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Imports the platform beans (configuration, database, artifact store, registry, feature set) and the Spring Batch
 * jobs. Kept apart from {@link SchedulerApplication} so that web slice tests, which skip configuration classes, do not
 * open a database.
 */
@Configuration(proxyBeanMethods = false)
@Import(BatchJobsConfiguration.class)
public class PlatformConfiguration {}
