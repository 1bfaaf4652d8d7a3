package dev.trii.scheduler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch jobs that exist only in the scheduler's tests: jobs that record themselves (and their parameters),
 * one that fails, one that fails until fixed and resumes, a flaky one, slow ones. The long job writes its items to
 * the {@code it_long_items} table, so that a test sees what a killed node's job did.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ItJobs {

  /** Which test job ran for which pipeline run, in execution order: {@code runId:jobName}. */
  public static final List<String> executed = new CopyOnWriteArrayList<>();
  /** The job parameters each recording job saw, by {@code runId:jobName}. */
  public static final Map<String, JobParameters> parameters = new ConcurrentHashMap<>();
  /** Items the resumable job wrote, in order; it fails on item 6 while {@link #broken} is set. */
  public static final List<Integer> resumableWritten = new CopyOnWriteArrayList<>();
  public static final AtomicBoolean broken = new AtomicBoolean(true);
  /** Attempts of the flaky job: it fails its first two. */
  public static final AtomicInteger flakyAttempts = new AtomicInteger();

  @Bean
  Job itExtractJob(JobRepository jobs, PlatformTransactionManager tx) {
    return recording("itExtractJob", jobs, tx);
  }

  @Bean
  Job itTransformJob(JobRepository jobs, PlatformTransactionManager tx) {
    return recording("itTransformJob", jobs, tx);
  }

  @Bean
  Job itEnrichJob(JobRepository jobs, PlatformTransactionManager tx) {
    return recording("itEnrichJob", jobs, tx);
  }

  @Bean
  Job itLoadJob(JobRepository jobs, PlatformTransactionManager tx) {
    return recording("itLoadJob", jobs, tx);
  }

  /** Takes a quarter of a second: long enough for runs to overlap. */
  @Bean
  Job itNapJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder("itNapJob", jobs)
        .start(new StepBuilder("itNapStep", jobs).tasklet((contribution, chunk) -> {
          Thread.sleep(250);
          return RepeatStatus.FINISHED;
        }, tx).build())
        .build();
  }

  /** Takes two seconds. */
  @Bean
  Job itTwoSecondJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder("itTwoSecondJob", jobs)
        .start(new StepBuilder("itTwoSecondStep", jobs).tasklet((contribution, chunk) -> {
          Thread.sleep(2000);
          return RepeatStatus.FINISHED;
        }, tx).build())
        .build();
  }

  @Bean
  Job itFailingJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder("itFailingJob", jobs)
        .start(new StepBuilder("itFailingStep", jobs).tasklet((contribution, chunk) -> {
          throw new IllegalStateException("boom: the failing task fails");
        }, tx).build())
        .build();
  }

  /** Ten items, one per chunk; item 6 fails while {@link #broken}: a restart must resume at item 6. */
  @Bean
  Job itResumableJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder("itResumableJob", jobs)
        .start(new StepBuilder("itResumableStep", jobs).<Integer, Integer>chunk(1)
            .reader(new CountingListReader("itResumableReader", 10))
            .processor(item -> {
              if (item == 6 && broken.get()) {
                throw new IllegalStateException("item 6 cannot be processed yet");
              }
              return item;
            })
            .writer(chunk -> resumableWritten.addAll(chunk.getItems()))
            .transactionManager(tx)
            .build())
        .build();
  }

  @Bean
  Job itFlakyJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder("itFlakyJob", jobs)
        .start(new StepBuilder("itFlakyStep", jobs).tasklet((contribution, chunk) -> {
          if (flakyAttempts.incrementAndGet() <= 2) {
            throw new IllegalStateException("flaky: attempt " + flakyAttempts.get() + " fails");
          }
          return RepeatStatus.FINISHED;
        }, tx).build())
        .build();
  }

  /** A hundred items, 100 ms each, one per chunk: about ten seconds unless stopped. */
  @Bean
  Job itSlowJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder("itSlowJob", jobs)
        .start(new StepBuilder("itSlowStep", jobs).<Integer, Integer>chunk(1)
            .reader(new CountingListReader("itSlowReader", 100))
            .processor(item -> {
              Thread.sleep(100);
              return item;
            })
            .writer(chunk -> { })
            .transactionManager(tx)
            .build())
        .build();
  }

  /**
   * A hundred and twenty items, 250 ms each (half a minute), one per chunk, each written to {@code it_long_items} with its run in the same
   * transaction as the chunk's commit: the rows are exactly the items whose chunks committed.
   */
  @Bean
  Job itLongJob(JobRepository jobs, PlatformTransactionManager tx, javax.sql.DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("create table if not exists it_long_items (run_id bigint, item int, node text)");
    String node = System.getProperty("it.node", "test");
    return new JobBuilder("itLongJob", jobs)
        .start(new StepBuilder("itLongStep", jobs).<Integer, Integer>chunk(1)
            .reader(new CountingListReader("itLongReader", 120))
            .processor(item -> {
              Thread.sleep(250);
              return item;
            })
            .writer(chunk -> {
              long runId = Long.parseLong(org.springframework.batch.core.scope.context.StepSynchronizationManager
                  .getContext().getStepExecution().getJobParameters().getLong("pipelineRunId").toString());
              for (Integer item : chunk.getItems()) {
                jdbc.update("insert into it_long_items values (?, ?, ?)", runId, item, node);
              }
            })
            .transactionManager(tx)
            .build())
        .build();
  }

  private static Job recording(String name, JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder(name, jobs)
        .start(new StepBuilder(name + "Step", jobs).tasklet((contribution, chunk) -> {
          JobParameters jobParameters = chunk.getStepContext().getStepExecution().getJobParameters();
          Object runId = jobParameters.getLong("pipelineRunId");
          executed.add(runId + ":" + name);
          LoggerFactory.getLogger(ItJobs.class).info("{} ran for run {}", name, runId);
          parameters.put(runId + ":" + name, jobParameters);
          return RepeatStatus.FINISHED;
        }, tx).build())
        .build();
  }

  /** Items 1..n; keeps its position in the step's execution context, so a restart resumes after it. */
  static final class CountingListReader extends AbstractItemCountingItemStreamItemReader<Integer> {

    private final int count;

    CountingListReader(String name, int count) {
      this.count = count;
      setName(name);
    }

    @Override
    protected Integer doRead() {
      int item = getCurrentItemCount();
      return item <= count ? item : null;
    }

    @Override
    protected void doOpen() {
    }

    @Override
    protected void doClose() {
    }
  }
}
