package dev.trii.batch.accuracy;

import dev.trii.batch.JobNames;
import dev.trii.core.features.FeatureSet;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The live-accuracy job: the prediction log's predictions by symbol get their realized outcome, and
 * {@code live_accuracy} its counts.
 *
 * <ol>
 *   <li>{@code labelPredictions}: chunk-oriented, one item per session (symbol, trading date) with pending predictions
 *       of the platform's feature set: {@link LabelPredictions} decides those whose horizon has passed, with the
 *       feature set's own label, and {@link OutcomesWriter} writes them into their rows.
 *   <li>{@code recountLiveAccuracy}: {@link RecountLiveAccuracy} recounts the model-version days that changed.
 * </ol>
 *
 * <p>Restart and reruns: the reader keeps no position ({@code saveState(false)}): the pending rows are the state, and
 * a row is written only while pending, so a restarted or repeated run decides each prediction once; the recount
 * counts whole days, so it never counts twice. Predictions logged with another feature-set version are left to a
 * platform of that version.
 */
@Configuration(proxyBeanMethods = false)
public class LiveAccuracyJobConfiguration {

  /** Sessions per chunk (one transaction). */
  static final int CHUNK_SIZE = 20;

  private static final String PENDING_SESSIONS = """
      select symbol, trading_date from prediction_log
      where labelled_at is null and symbol is not null and feature_set = ?
      group by trading_date, symbol
      order by trading_date, symbol
      """;

  @Bean
  Job liveAccuracyJob(JobRepository jobRepository, Step labelPredictionsStep, Step recountLiveAccuracyStep) {
    return new JobBuilder(JobNames.LIVE_ACCURACY, jobRepository)
        .start(labelPredictionsStep)
        .next(recountLiveAccuracyStep)
        .build();
  }

  @Bean
  Step labelPredictionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      DataSource dataSource, FeatureSet featureSet, JdbcCursorItemReader<LoggedSession> pendingSessionsReader,
      OutcomesWriter outcomesWriter) {
    ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
    promotion.setKeys(Arrays.stream(Outcome.Kind.values()).map(OutcomesWriter::key).toArray(String[]::new));
    return new StepBuilder("labelPredictions", jobRepository)
        .<LoggedSession, List<Outcome>>chunk(CHUNK_SIZE)
        .transactionManager(transactionManager)
        .reader(pendingSessionsReader)
        .processor(new LabelPredictions(dataSource, featureSet, Clock.systemUTC()))
        .writer(outcomesWriter)
        .listener(outcomesWriter)
        .listener(promotion)
        .build();
  }

  @Bean
  Step recountLiveAccuracyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
      DataSource dataSource) {
    return new StepBuilder("recountLiveAccuracy", jobRepository)
        .tasklet(new RecountLiveAccuracy(dataSource), transactionManager)
        .build();
  }

  @Bean
  @StepScope
  JdbcCursorItemReader<LoggedSession> pendingSessionsReader(DataSource dataSource, FeatureSet featureSet) {
    return new JdbcCursorItemReaderBuilder<LoggedSession>()
        .name("pendingSessionsReader")
        .dataSource(dataSource)
        .sql(PENDING_SESSIONS)
        .queryArguments(featureSet.version())
        .rowMapper((rs, i) -> new LoggedSession(rs.getString(1), rs.getDate(2).toLocalDate()))
        .saveState(false)
        .fetchSize(500)
        .build();
  }

  @Bean
  @StepScope
  OutcomesWriter outcomesWriter(DataSource dataSource) {
    return new OutcomesWriter(dataSource);
  }
}
