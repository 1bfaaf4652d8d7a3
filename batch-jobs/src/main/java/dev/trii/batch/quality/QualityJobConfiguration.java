package dev.trii.batch.quality;

import dev.trii.batch.JobNames;
import dev.trii.batch.support.DataWindow;
import dev.trii.batch.support.ListUnpackingItemWriter;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.features.FeatureSet;
import java.sql.Date;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.MDC;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;
import org.springframework.batch.infrastructure.item.support.builder.CompositeItemProcessorBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The quality job: per (trading date, symbol), the checks of {@link EvaluateQuality} — completeness, gaps,
 * duplicates, out-of-order, outliers, staleness, stale events, reject rate — each upserted as a row of
 * {@code quality_checks} (key: date, symbol, check) with value, threshold and PASS/FAIL. Thresholds come from
 * {@code quality.yaml}, or the file named by the Spring property {@code trii.quality.file}
 * ({@code TRII_QUALITY_FILE}) laid over it.
 *
 * <p>Partitioned by symbol: the manager step {@code checkQuality} asks {@link SymbolPartitioner} for the symbols
 * with days to check and runs the worker step {@code checkSymbolQuality} once per symbol (step names
 * {@code checkSymbolQuality:symbol-<SYMBOL>}), at most {@code trii.quality.threads} (default 2) at a time; each
 * worker is a chunk step over that symbol's days: {@link SymbolDaysReader} → {@link LoadSessionEvidence} →
 * {@link EvaluateQuality} → upsert.
 *
 * <p>Restarts and reruns: only days whose evidence may have changed are read ({@link DaysToCheck}); the readers keep
 * no position, so a restarted execution reruns just the partitions that did not complete, and those continue with
 * the days still unchecked. A rerun on unchanged data starts no partition.
 */
@Configuration(proxyBeanMethods = false)
public class QualityJobConfiguration {

  static final int CHUNK_SIZE = 20;

  private static final String UPSERT_CHECK = """
      insert into quality_checks (trading_date, symbol, check_name, status, value, threshold, detail,
                                  job_execution_id, checked_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, now())
      on conflict (trading_date, symbol, check_name) do update set
        status = excluded.status, value = excluded.value, threshold = excluded.threshold, detail = excluded.detail,
        job_execution_id = excluded.job_execution_id, checked_at = excluded.checked_at
      """;

  @Bean
  QualityConfig qualityConfig(TriiConfig config) {
    return QualityConfigLoader.load(config);
  }

  @Bean
  DaysToCheck daysToCheck(DataSource dataSource, FeatureSet featureSet, QualityConfig qualityConfig) {
    return new DaysToCheck(dataSource, featureSet.instruments(), qualityConfig);
  }

  @Bean
  Job qualityJob(JobRepository jobRepository, Step checkQualityStep) {
    return new JobBuilder(JobNames.QUALITY, jobRepository)
        .start(checkQualityStep)
        .build();
  }

  /** The manager step: one worker per symbol with days to check. */
  @Bean
  Step checkQualityStep(JobRepository jobRepository, SymbolPartitioner symbolPartitioner,
      Step checkSymbolQualityStep, @Value("${trii.quality.threads:2}") int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("trii.quality.threads must be >= 1, got " + threads);
    }
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("quality-");
    executor.setConcurrencyLimit(threads);
    // the partitions log as their job does: whoever runs the job (the scheduler keeps logs per task) sees their lines
    executor.setTaskDecorator(runnable -> {
      Map<String, String> context = MDC.getCopyOfContextMap();
      return () -> {
        if (context != null) {
          MDC.setContextMap(context);
        }
        try {
          runnable.run();
        } finally {
          MDC.clear();
        }
      };
    });
    return new StepBuilder("checkQuality", jobRepository)
        .partitioner("checkSymbolQuality", symbolPartitioner)
        .step(checkSymbolQualityStep)
        .taskExecutor(executor)
        .build();
  }

  /** The symbols to check: asked when the manager step starts, with its job's data interval. */
  @Bean
  @StepScope
  SymbolPartitioner symbolPartitioner(DaysToCheck daysToCheck, JobRepository jobRepository,
      @Value("#{stepExecution}") StepExecution stepExecution) {
    return new SymbolPartitioner(daysToCheck, DataWindow.of(stepExecution, jobRepository));
  }

  /** The worker step: one symbol's days. */
  @Bean
  Step checkSymbolQualityStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      SymbolDaysReader symbolDaysReader,
      CompositeItemProcessor<DaySymbolStats, List<QualityCheck>> qualityProcessor,
      ListUnpackingItemWriter<QualityCheck> qualityChecksWriter) {
    return new StepBuilder("checkSymbolQuality", jobRepository)
        .<DaySymbolStats, List<QualityCheck>>chunk(CHUNK_SIZE)
        .transactionManager(transactionManager)
        .reader(symbolDaysReader)
        .processor(qualityProcessor)
        .writer(qualityChecksWriter)
        .build();
  }

  @Bean
  @StepScope
  SymbolDaysReader symbolDaysReader(DaysToCheck daysToCheck, JobRepository jobRepository,
      @Value("#{stepExecutionContext['" + SymbolPartitioner.SYMBOL + "']}") String symbol,
      @Value("#{stepExecution}") StepExecution stepExecution) {
    return new SymbolDaysReader(daysToCheck, symbol, DataWindow.of(stepExecution, jobRepository));
  }

  @Bean
  @StepScope
  CompositeItemProcessor<DaySymbolStats, List<QualityCheck>> qualityProcessor(DataSource dataSource,
      FeatureSet featureSet, QualityConfig qualityConfig, ObjectProvider<Clock> clock) {
    return new CompositeItemProcessorBuilder<DaySymbolStats, List<QualityCheck>>()
        .delegates(new LoadSessionEvidence(dataSource, featureSet.instruments()),
            new EvaluateQuality(qualityConfig, featureSet.instruments(), clock.getIfAvailable(Clock::systemUTC)))
        .build();
  }

  @Bean
  @StepScope
  ListUnpackingItemWriter<QualityCheck> qualityChecksWriter(DataSource dataSource,
      @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
    JdbcBatchItemWriter<QualityCheck> writer = new JdbcBatchItemWriterBuilder<QualityCheck>()
        .dataSource(dataSource)
        .sql(UPSERT_CHECK)
        .itemPreparedStatementSetter((check, ps) -> {
          ps.setDate(1, Date.valueOf(check.tradingDate()));
          ps.setString(2, check.symbol());
          ps.setString(3, check.checkName());
          ps.setString(4, check.status());
          ps.setDouble(5, check.value());
          ps.setDouble(6, check.threshold());
          ps.setString(7, check.detail());
          ps.setLong(8, jobExecutionId);
        })
        .build();
    return new ListUnpackingItemWriter<>(writer);
  }
}
