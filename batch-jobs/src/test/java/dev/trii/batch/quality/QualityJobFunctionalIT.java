package dev.trii.batch.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.batch.JobNames;
import dev.trii.batch.testing.BarsTable;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.market.Bar;
import dev.trii.core.testing.TestDatabase;
import dev.trii.training.testing.SyntheticBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;

/** qualityJob against real PostgreSQL: verdicts per day and symbol, idempotent reruns. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QualityJobFunctionalIT {

  private static final SyntheticBars BARS = SyntheticBars.trending(1, "AAA", "BBB");
  private static final LocalDate DAY = BARS.dates().get(0);

  private static BatchTestContext batch;
  private static TestDatabase db;
  private static JobOperatorTestUtils job;

  @BeforeAll
  static void start() {
    batch = BatchTestContext.start();
    db = batch.database();
    job = batch.jobUtils(JobNames.QUALITY);
    List<List<Bar>> sessions = BARS.sessionsBars();
    List<Bar> bars = new ArrayList<>(sessions.get(0)); // AAA: the full session
    bars.addAll(sessions.get(1).subList(0, 300)); // BBB: the feed stopped after 300 of 390 minutes
    BarsTable.upsert(db.dataSource(), bars);
    long bbbQuotes = sessions.get(1).subList(0, 300).stream().mapToLong(Bar::quoteCount).sum();
    // BBB: rejects at 10% of its records; AAA: 3 rejects
    insertRejects("BBB", bbbQuotes / 9, DAY);
    insertRejects("AAA", 3, DAY);
  }

  @AfterAll
  static void stop() {
    if (batch != null) {
      batch.close();
    }
  }

  @Test
  @Order(1)
  void writesCompletenessAndRejectRateForEachSymbolAndDay() throws Exception {
    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution step = execution.getStepExecutions().iterator().next();
    assertThat(step.getReadCount()).isEqualTo(2);
    assertThat(step.getWriteCount()).isEqualTo(2);
    assertThat(step.getSkipCount()).isZero();
    assertThat(db.count("quality_checks")).isEqualTo(4);

    assertThat(check("AAA", "completeness")).containsEntry("status", "PASS").containsEntry("value", 1.0)
        .containsEntry("threshold", 0.95);
    assertThat(check("BBB", "completeness")).containsEntry("status", "FAIL").containsEntry("value", 300.0 / 390);
    assertThat(check("AAA", "reject_rate")).containsEntry("status", "PASS");
    assertThat(check("BBB", "reject_rate")).containsEntry("status", "FAIL").containsEntry("threshold", 0.05);
    assertThat((Double) check("BBB", "reject_rate").get("value")).isBetween(0.09, 0.11);
    assertThat(check("AAA", "completeness").get("job_execution_id")).isEqualTo(execution.getId());
  }

  @Test
  @Order(2)
  void rerunOnUnchangedDataReadsNothingAndKeepsTheVerdicts() throws Exception {
    Object checkedAt = check("AAA", "reject_rate").get("checked_at");

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution step = execution.getStepExecutions().iterator().next();
    assertThat(step.getReadCount()).isZero();
    assertThat(step.getWriteCount()).isZero();
    assertThat(db.count("quality_checks")).isEqualTo(4);
    assertThat(check("AAA", "reject_rate").get("checked_at")).isEqualTo(checkedAt);
  }

  @Test
  @Order(3)
  void newRejectsReopenOnlyTheirDayAndSymbol() throws Exception {
    insertRejects("AAA", 2, DAY);

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    StepExecution step = execution.getStepExecutions().iterator().next();
    assertThat(step.getReadCount()).isEqualTo(1);
    assertThat(db.count("quality_checks")).isEqualTo(4);
    assertThat(check("AAA", "reject_rate").get("detail")).asString().startsWith("5 rejected of");
    assertThat(check("BBB", "reject_rate").get("job_execution_id")).isNotEqualTo(execution.getId());
  }

  private static Map<String, Object> check(String symbol, String name) {
    return db.jdbc().queryForMap("select status, value, threshold, detail, job_execution_id, checked_at "
        + "from quality_checks where trading_date = ? and symbol = ? and check_name = ?", DAY, symbol, name);
  }

  private static void insertRejects(String symbol, long count, LocalDate day) {
    db.jdbc().update("insert into quote_rejects (reject_key, source, reason, symbol, event_time, raw_payload) "
            + "select 'test:' || ? || ':' || gen_random_uuid(), 'test', 'CROSSED_MARKET', ?, "
            + "(?::date + time '12:00') at time zone 'America/New_York', '{}' from generate_series(1, ?)",
        symbol, symbol, day, count);
  }
}
