package dev.trii.batch.quality;

import dev.trii.batch.JobNames;
import dev.trii.batch.support.ListUnpackingItemWriter;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.TradingSession;
import java.sql.Date;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The quality job: one chunk-oriented step over (trading date, symbol) pairs that have bars, writing a
 * completeness and a reject-rate verdict per pair into {@code quality_checks} (upsert on date, symbol, check).
 * Thresholds come from {@code quality-checks.properties}.
 *
 * <p>Only days whose evidence may have changed are read: never checked, bars updated or rejects received since
 * the check, or checked before that day's session closed. The reader keeps no position: the query is the state,
 * so a restart continues with the days still to check and a rerun on unchanged data reads nothing.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:quality-checks.properties")
public class QualityJobConfiguration {

  static final int CHUNK_SIZE = 50;

  private static final String DAYS_TO_CHECK = """
      with params as (select ?::text as tz, ?::time as open_time, ?::time as close_time),
      days as (
        select b.symbol, (b.bar_time at time zone p.tz)::date as trading_date,
               count(*) filter (where (b.bar_time at time zone p.tz)::time >= p.open_time
                                  and (b.bar_time at time zone p.tz)::time < p.close_time) as session_bars,
               coalesce(sum(b.quote_count), 0) as quotes,
               max(b.updated_at) as bars_updated_at
        from bars_1m b cross join params p
        group by 1, 2),
      rejects as (
        select r.symbol, (r.event_time at time zone p.tz)::date as trading_date, count(*) as rejects,
               max(r.received_at) as received_at
        from quote_rejects r cross join params p
        where r.symbol is not null and r.event_time is not null
        group by 1, 2),
      checked as (
        select symbol, trading_date, min(checked_at) as checked_at from quality_checks group by 1, 2)
      select d.trading_date, d.symbol, d.session_bars, d.quotes, coalesce(r.rejects, 0) as rejects
      from days d
      cross join params p
      left join rejects r on r.symbol = d.symbol and r.trading_date = d.trading_date
      left join checked c on c.symbol = d.symbol and c.trading_date = d.trading_date
      where c.checked_at is null
         or d.bars_updated_at > c.checked_at
         or r.received_at > c.checked_at
         or c.checked_at < ((d.trading_date + p.close_time) at time zone p.tz)
      order by d.trading_date, d.symbol
      """;

  private static final String UPSERT_CHECK = """
      insert into quality_checks (trading_date, symbol, check_name, status, value, threshold, detail,
                                  job_execution_id, checked_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, now())
      on conflict (trading_date, symbol, check_name) do update set
        status = excluded.status, value = excluded.value, threshold = excluded.threshold, detail = excluded.detail,
        job_execution_id = excluded.job_execution_id, checked_at = excluded.checked_at
      """;

  @Bean
  QualityThresholds qualityThresholds(@Value("${trii.quality.min-completeness}") double minCompleteness,
      @Value("${trii.quality.max-reject-rate}") double maxRejectRate) {
    return new QualityThresholds(minCompleteness, maxRejectRate);
  }

  @Bean
  Job qualityJob(JobRepository jobRepository, Step checkQualityStep) {
    return new JobBuilder(JobNames.QUALITY, jobRepository)
        .start(checkQualityStep)
        .build();
  }

  @Bean
  Step checkQualityStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      JdbcCursorItemReader<DaySymbolStats> daysToCheckReader, EvaluateQuality evaluateQuality,
      ListUnpackingItemWriter<QualityCheck> qualityChecksWriter) {
    return new StepBuilder("checkQuality", jobRepository)
        .<DaySymbolStats, List<QualityCheck>>chunk(CHUNK_SIZE)
        .transactionManager(transactionManager)
        .reader(daysToCheckReader)
        .processor(evaluateQuality)
        .writer(qualityChecksWriter)
        .build();
  }

  @Bean
  @StepScope
  JdbcCursorItemReader<DaySymbolStats> daysToCheckReader(DataSource dataSource, FeatureSet featureSet) {
    TradingSession session = featureSet.session();
    return new JdbcCursorItemReaderBuilder<DaySymbolStats>()
        .name("daysToCheckReader")
        .dataSource(dataSource)
        .sql(DAYS_TO_CHECK)
        .queryArguments(session.zone().getId(), session.open().toString(), session.close().toString())
        .rowMapper((rs, i) -> new DaySymbolStats(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3),
            rs.getLong(4), rs.getLong(5)))
        .saveState(false)
        .build();
  }

  @Bean
  @StepScope
  EvaluateQuality evaluateQuality(QualityThresholds thresholds, FeatureSet featureSet, ObjectProvider<Clock> clock) {
    return new EvaluateQuality(thresholds, featureSet.session(), clock.getIfAvailable(Clock::systemUTC));
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
