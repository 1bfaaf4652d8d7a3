package dev.trii.batch;

import dev.trii.batch.platform.PlatformBeans;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Everything the batch jobs need, for an application to import: the platform beans and one configuration per
 * job ({@link JobNames}). The scheduler and the {@code ./trii train} command both start from here.
 */
@Configuration(proxyBeanMethods = false)
@Import({PlatformBeans.class})
public class BatchJobsConfiguration {}
