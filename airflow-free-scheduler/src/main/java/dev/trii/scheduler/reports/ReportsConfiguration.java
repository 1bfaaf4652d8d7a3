package dev.trii.scheduler.reports;

import dev.trii.core.reports.Reports;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analysts' reports, for the console's pages and API: the report job's own {@link Reports}. */
@Configuration(proxyBeanMethods = false)
public class ReportsConfiguration {

  @Bean
  ReportLibrary reportLibrary(Reports reports) {
    return new ReportLibrary(reports);
  }
}
