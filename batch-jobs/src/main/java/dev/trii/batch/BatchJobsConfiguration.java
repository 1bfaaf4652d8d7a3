package dev.trii.batch;

import dev.trii.batch.accuracy.LiveAccuracyJobConfiguration;
import dev.trii.batch.features.FeaturesJobConfiguration;
import dev.trii.batch.platform.PlatformBeans;
import dev.trii.batch.quality.QualityJobConfiguration;
import dev.trii.batch.report.ReportJobConfiguration;
import dev.trii.batch.retention.RetentionJobConfiguration;
import dev.trii.batch.train.TrainJobConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * Everything the batch jobs need, for an application to import: the platform beans and one configuration per
 * job ({@link JobNames}). The scheduler and the {@code ./trii train} command both start from here. Its defaults
 * ({@code batch-jobs.properties}: Boot leaves the Flyway-managed batch schema alone and starts no job by itself)
 * have the lowest precedence, so an application's own properties override them.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:batch-jobs.properties")
@Import({PlatformBeans.class, QualityJobConfiguration.class, FeaturesJobConfiguration.class,
    TrainJobConfiguration.class, RetentionJobConfiguration.class, LiveAccuracyJobConfiguration.class,
    ReportJobConfiguration.class})
public class BatchJobsConfiguration {}
