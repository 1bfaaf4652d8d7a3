package dev.trii.batch.retention;

import dev.trii.batch.JobNames;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.db.QuoteRetention;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The retention job: deletes the raw quotes ingested longer ago than {@code TRII_QUOTES_RETENTION} (or the job
 * parameter {@value #KEEP_PARAMETER}), with {@link QuoteRetention}, in batches; bars stay. Off (nothing deleted, said
 * in the exit description) when no span is set. Its exit description says what it did.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionJobConfiguration {

  /** Optional job parameter: the span to keep (a PostgreSQL interval), instead of the setting. */
  public static final String KEEP_PARAMETER = "keep";

  @Bean
  Job retentionJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, DataSource dataSource,
      TriiConfig config) {
    QuoteRetention retention = new QuoteRetention(dataSource);
    return new JobBuilder(JobNames.RETENTION, jobRepository)
        .start(new StepBuilder("applyQuoteRetention", jobRepository).tasklet((contribution, chunk) -> {
          Object given = chunk.getStepContext().getJobParameters().get(KEEP_PARAMETER);
          String keep = given != null && !given.toString().isBlank() ? given.toString()
              : config.get(Settings.QUOTES_RETENTION);
          if (keep.isBlank()) {
            contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(
                "quote retention is off (" + Settings.QUOTES_RETENTION.env() + " unset): nothing deleted"));
            return RepeatStatus.FINISHED;
          }
          QuoteRetention.Plan plan = retention.plan(keep);
          long deleted = retention.apply(plan);
          contribution.incrementWriteCount(deleted);
          contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("kept " + keep + ": deleted " + deleted
              + " of " + plan.total() + " quotes, those ingested before " + plan.cutoff()));
          return RepeatStatus.FINISHED;
        }, transactionManager).build())
        .build();
  }
}
