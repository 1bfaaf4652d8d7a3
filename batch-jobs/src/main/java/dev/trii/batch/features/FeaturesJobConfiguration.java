package dev.trii.batch.features;

import dev.trii.batch.JobNames;
import dev.trii.batch.support.DataWindow;
import dev.trii.core.features.FeatureRow;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.instruments.CalendarSql;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;
import org.springframework.batch.infrastructure.item.support.builder.CompositeItemProcessorBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The features job: {@code bars_1m} → {@code feature_rows} for the platform's feature set.
 *
 * <ol>
 *   <li>{@code registerFeatureSet}: upserts the {@code feature_sets} row (names, horizon, dead zone).
 *   <li>{@code computeFeatures}: chunk-oriented, one item per session (symbol, trading date in the symbol's own
 *       calendar, from the instrument reference). The reader selects only sessions whose bars changed since their
 *       feature rows were computed ({@code max(bars_1m.updated_at) > max(feature_rows.computed_at)}) or that have no
 *       rows yet, and with a data interval ({@link DataWindow}: a scheduled or backfill run) also every session with bars
 *       in it, recomputed (those this job instance already recomputed are skipped on a restart); each session's
 *       bars are read, {@code FeatureSet.computeSession} computes the rows, and they are upserted on
 *       (feature_set, symbol, ts).
 * </ol>
 *
 * <p>Restart and reruns: the reader keeps no position ({@code saveState(false)}): the staleness query is the
 * state. Committed sessions are no longer stale, so a restarted or repeated run continues with the sessions
 * still to do, and a rerun without new bars reads nothing. A session that fails with a data error
 * ({@link DataIntegrityViolationException}, {@link IllegalArgumentException}) is skipped, at most
 * {@value #SKIP_LIMIT} per run; anything else fails the step.
 */
@Configuration(proxyBeanMethods = false)
public class FeaturesJobConfiguration {

  /** Sessions per chunk (one transaction): about 390 rows each. */
  static final int CHUNK_SIZE = 4;
  static final int SKIP_LIMIT = 10;

  private static final String STALE_SESSIONS = "with " + CalendarSql.CALENDARS + """
      ,
      window_ as (select %s),
      sessions as (
        select b.symbol, %s as trading_date, max(b.updated_at) as bars_updated_at,
               bool_or(b.bar_time >= w.from_time and b.bar_time < w.to_time) as in_window
        from bars_1m b join calendars c on c.symbol = b.symbol cross join window_ w
        group by 1, 2),
      computed as (
        select f.symbol, f.trading_date, max(f.computed_at) as computed_at
        from feature_rows f
        where f.feature_set = ?
        group by 1, 2)
      select s.symbol, s.trading_date
      from sessions s left join computed c using (symbol, trading_date) cross join window_ w
      where c.computed_at is null or s.bars_updated_at > c.computed_at
         or (w.from_time is not null and s.in_window and c.computed_at < w.since)
      order by s.trading_date, s.symbol
      """.formatted(DataWindow.SQL_COLUMNS, CalendarSql.tradingDate("b.bar_time", "c"));

  private static final String UPSERT_ROW = """
      insert into feature_rows (feature_set, symbol, ts, trading_date, features, label, forward_return, computed_at)
      values (?, ?, ?, ?, ?, ?, ?, now())
      on conflict (feature_set, symbol, ts) do update set
        trading_date = excluded.trading_date, features = excluded.features, label = excluded.label,
        forward_return = excluded.forward_return, computed_at = excluded.computed_at
      """;

  @Bean
  Job featuresJob(JobRepository jobRepository, Step registerFeatureSetStep, Step computeFeaturesStep) {
    return new JobBuilder(JobNames.FEATURES, jobRepository)
        .start(registerFeatureSetStep)
        .next(computeFeaturesStep)
        .build();
  }

  @Bean
  Step registerFeatureSetStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      DataSource dataSource, FeatureSet featureSet) {
    return new StepBuilder("registerFeatureSet", jobRepository)
        .tasklet(new RegisterFeatureSet(dataSource, featureSet), transactionManager)
        .allowStartIfComplete(true)
        .build();
  }

  @Bean
  Step computeFeaturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      JdbcCursorItemReader<SessionKey> staleSessionsReader,
      CompositeItemProcessor<SessionKey, SessionFeatures> sessionFeaturesProcessor,
      SessionRowsWriter featureRowsWriter) {
    return new StepBuilder("computeFeatures", jobRepository)
        .<SessionKey, SessionFeatures>chunk(CHUNK_SIZE)
        .transactionManager(transactionManager)
        .reader(staleSessionsReader)
        .processor(sessionFeaturesProcessor)
        .writer(featureRowsWriter)
        .faultTolerant()
        .skip(DataIntegrityViolationException.class, IllegalArgumentException.class)
        .skipLimit(SKIP_LIMIT)
        .build();
  }

  @Bean
  @StepScope
  JdbcCursorItemReader<SessionKey> staleSessionsReader(DataSource dataSource, FeatureSet featureSet,
      JobRepository jobRepository, @Value("#{stepExecution}") StepExecution stepExecution) {
    List<Object> arguments = new ArrayList<>(List.of(CalendarSql.arguments(featureSet.instruments(),
        CalendarSql.barSymbols(new JdbcTemplate(dataSource)))));
    arguments.addAll(java.util.Arrays.asList(DataWindow.of(stepExecution, jobRepository).arguments()));
    arguments.add(featureSet.version());
    return new JdbcCursorItemReaderBuilder<SessionKey>()
        .name("staleSessionsReader")
        .dataSource(dataSource)
        .sql(STALE_SESSIONS)
        .queryArguments(arguments.toArray())
        .rowMapper((rs, i) -> new SessionKey(rs.getString(1), rs.getDate(2).toLocalDate()))
        .saveState(false)
        .fetchSize(500)
        .build();
  }

  @Bean
  @StepScope
  CompositeItemProcessor<SessionKey, SessionFeatures> sessionFeaturesProcessor(DataSource dataSource,
      FeatureSet featureSet) {
    return new CompositeItemProcessorBuilder<SessionKey, SessionFeatures>()
        .delegates(new LoadSessionBars(dataSource, featureSet.instruments()), new ComputeSessionFeatures(featureSet))
        .build();
  }

  @Bean
  @StepScope
  SessionRowsWriter featureRowsWriter(DataSource dataSource, FeatureSet featureSet) {
    JdbcBatchItemWriter<FeatureRow> rows = new JdbcBatchItemWriterBuilder<FeatureRow>()
        .dataSource(dataSource)
        .sql(UPSERT_ROW)
        .itemPreparedStatementSetter((row, ps) -> {
          ps.setString(1, featureSet.version());
          ps.setString(2, row.symbol());
          ps.setTimestamp(3, new Timestamp(row.ts()));
          ps.setDate(4, Date.valueOf(row.tradingDate()));
          ps.setObject(5, row.features());
          if (row.label() == null) {
            ps.setNull(6, Types.SMALLINT);
          } else {
            ps.setInt(6, row.label());
          }
          ps.setDouble(7, row.forwardReturn());
        })
        .build();
    return new SessionRowsWriter(featureSet.version(), rows, dataSource);
  }
}
