package dev.trii.batch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.batch.JobNames;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;

/** retentionJob against real PostgreSQL: off without a span; with one, only quotes ingested before it go. */
class RetentionJobFunctionalIT {

  private static BatchTestContext batch;
  private static TestDatabase db;
  private static JobOperatorTestUtils job;

  @BeforeAll
  static void start() {
    batch = BatchTestContext.start();
    db = batch.database();
    job = batch.jobUtils(JobNames.RETENTION);
  }

  @AfterAll
  static void stop() {
    if (batch != null) {
      batch.close();
    }
  }

  @Test
  void deletesOnlyTheQuotesIngestedBeforeTheSpanAndIsOffWithoutOne() throws Exception {
    db.jdbc().update("insert into quotes (symbol, event_time, seq, bid, ask, bid_size, ask_size, volume, source, "
        + "ingested_at) select 'IBM', timestamptz '2016-03-01 14:30:00+00' + n * interval '1 minute', n, 100, 100.02, "
        + "1, 1, 0, 'file', case when n <= 10 then now() - interval '6 years' else now() end "
        + "from generate_series(1, 50) n");

    JobExecution off = job.startJob(job.getUniqueJobParameters());
    assertThat(off.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(off.getExitStatus().getExitDescription()).contains("quote retention is off");
    assertThat(db.count("quotes")).isEqualTo(50);

    JobExecution applied = job.startJob(job.getUniqueJobParametersBuilder()
        .addString(RetentionJobConfiguration.KEEP_PARAMETER, "5 years").toJobParameters());
    assertThat(applied.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(applied.getExitStatus().getExitDescription()).contains("kept 5 years: deleted 10 of 50 quotes");
    assertThat(db.count("quotes")).as("the history loaded today stays").isEqualTo(40);
  }
}
