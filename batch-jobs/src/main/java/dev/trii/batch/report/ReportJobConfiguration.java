package dev.trii.batch.report;

import dev.trii.batch.JobNames;
import dev.trii.batch.report.mail.ReportMail;
import dev.trii.batch.support.DataWindow;
import dev.trii.core.Platform;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.reports.Reports;
import dev.trii.core.storage.ArtifactStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The report job: the analysts' daily report, one per trading day, in HTML and PDF.
 *
 * <ol>
 *   <li>{@code writeReports}: chunk-oriented, one trading day per chunk ({@link ReportDays} decides which days):
 *       {@link DailyReportBuilder} gathers the day, {@link ReportRenderer} renders it, {@link ReportWriter} stores both
 *       files and indexes them ({@link Reports}) and queues the day for mail.
 *   <li>{@code mailReports}: {@link MailReports} sends what is due when mail is configured, and sums up the run.
 * </ol>
 *
 * <p>Reruns and restarts: a day written again replaces its files and index rows, so rerunning a range is idempotent;
 * a restarted run skips the days its failed run already wrote.
 */
@Configuration(proxyBeanMethods = false)
public class ReportJobConfiguration {

  @Bean
  Job reportJob(JobRepository jobRepository, Step writeReportsStep, Step mailReportsStep) {
    return new JobBuilder(JobNames.REPORT, jobRepository)
        .start(writeReportsStep)
        .next(mailReportsStep)
        .build();
  }

  @Bean
  Step writeReportsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      ReportDaysReader reportDaysReader, DailyReportBuilder dailyReportBuilder, ReportWriter reportWriter) {
    ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
    promotion.setKeys(new String[] {ReportWriter.DAYS});
    ReportRenderer renderer = new ReportRenderer();
    return new StepBuilder("writeReports", jobRepository)
        .<LocalDate, RenderedReport>chunk(1)
        .transactionManager(transactionManager)
        .reader(reportDaysReader)
        .processor(day -> RenderedReport.of(dailyReportBuilder.build(day), renderer))
        .writer(reportWriter)
        .listener(reportWriter)
        .listener(promotion)
        .build();
  }

  @Bean
  Step mailReportsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      Optional<ReportMail> reportMail) {
    return new StepBuilder("mailReports", jobRepository)
        .tasklet(new MailReports(reportMail), transactionManager)
        .build();
  }

  @Bean
  DailyReportBuilder dailyReportBuilder(DataSource dataSource, Platform platform) {
    return new DailyReportBuilder(dataSource, platform.registry(), platform.modelName(), platform.instruments());
  }

  /** The mail of reports; no bean (null) when mail is not configured, so that users get an empty Optional. */
  @Bean
  ReportMail reportMail(TriiConfig config, DataSource dataSource, Reports reports) {
    return ReportMail.configured(config, dataSource, reports, Clock.systemUTC()).orElse(null);
  }

  /** The report files and their index, for the writer and the mail. */
  @Bean
  Reports reports(DataSource dataSource, ArtifactStore artifacts) {
    return new Reports(dataSource, artifacts);
  }

  @Bean
  @StepScope
  ReportDaysReader reportDaysReader(DailyReportBuilder dailyReportBuilder, JobRepository jobRepository,
      @Value("#{stepExecution}") StepExecution step, @Value("#{jobParameters['" + ReportDays.FROM + "']}") String from,
      @Value("#{jobParameters['" + ReportDays.TO + "']}") String to) {
    ReportDays days = ReportDays.of(from, to, DataWindow.of(step, jobRepository));
    return new ReportDaysReader(() -> days.resolve(dailyReportBuilder));
  }

  @Bean
  @StepScope
  ReportWriter reportWriter(Reports reports, Optional<ReportMail> reportMail) {
    return new ReportWriter(reports, reportMail);
  }
}
