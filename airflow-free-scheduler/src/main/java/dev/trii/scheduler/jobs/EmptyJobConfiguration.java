package dev.trii.scheduler.jobs;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code emptyJob}: a task that does nothing, like Airflow's EmptyOperator: a join point where branches of a
 * pipeline meet, and what {@code ./trii bench scheduler} measures the scheduler's own hand-off time with.
 */
@Configuration(proxyBeanMethods = false)
public class EmptyJobConfiguration {

  /** The job's bean name, as pipeline files name it. */
  public static final String EMPTY_JOB = "emptyJob";

  @Bean(EMPTY_JOB)
  Job emptyJob(JobRepository jobs, PlatformTransactionManager tx) {
    return new JobBuilder(EMPTY_JOB, jobs)
        .start(new StepBuilder("emptyStep", jobs).tasklet((contribution, chunk) -> RepeatStatus.FINISHED, tx).build())
        .build();
  }
}
