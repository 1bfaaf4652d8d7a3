package dev.trii.scheduler.reports;

import dev.trii.core.reports.Reports;
import dev.trii.core.storage.ArtifactStore;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analysts' reports, for the console's pages and API. */
@Configuration(proxyBeanMethods = false)
public class ReportsConfiguration {

  @Bean
  ReportLibrary reportLibrary(DataSource dataSource, ArtifactStore artifacts) {
    return new ReportLibrary(new Reports(dataSource, artifacts));
  }
}
