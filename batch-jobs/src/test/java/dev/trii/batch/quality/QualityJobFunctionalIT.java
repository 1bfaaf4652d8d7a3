package dev.trii.batch.quality;

import static dev.trii.batch.testing.BatchTestContext.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.batch.JobNames;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.market.Bar;
import dev.trii.core.testing.BarsTable;
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
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;

/**
 * qualityJob against real PostgreSQL: one partition per symbol, every check's verdict on sessions with known
 * faults, idempotent reruns, and a restart that reruns only the partition that failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QualityJobFunctionalIT {

  private static final SyntheticBars BARS = SyntheticBars.market(2, "AAA", "BBB", "CCC");
  private static final LocalDate DAY = BARS.dates().get(0);
  private static final LocalDate NEXT_DAY = BARS.dates().get(1);
  private static final String MANAGER = "checkQuality";
  /** completeness, gaps, staleness, duplicates, out_of_order, outliers, stale_events, reject_rate. */
  private static final int CHECKS_PER_DAY = 8;

  private static BatchTestContext batch;
  private static TestDatabase db;
  private static JobOperatorTestUtils job;

  @BeforeAll
  static void start() {
    batch = BatchTestContext.start();
    db = batch.database();
    job = batch.jobUtils(JobNames.QUALITY);
    List<List<Bar>> sessions = BARS.sessionsBars(); // AAA day 0, AAA day 1, BBB day 0, BBB day 1, CCC ...
    List<Bar> bars = new ArrayList<>(sessions.get(0)); // AAA: the full session
    List<Bar> bbb = sessions.get(2).subList(0, 300); // BBB: the feed stopped after 300 of 390 minutes
    bars.addAll(bbb);
    bars.addAll(withGapAndSpikes(sessions.get(4))); // CCC: a 16-minute hole and three price spikes
    BarsTable.upsert(db.dataSource(), bars);
    insertRejects("AAA", "CROSSED_MARKET", 3, DAY);
    insertRejects("AAA", "DUPLICATE", 2, DAY);
    insertRejects("BBB", "CROSSED_MARKET", bbb.stream().mapToLong(Bar::quoteCount).sum() / 9, DAY); // 10%
    long cccQuotes = sessions.get(4).stream().mapToLong(Bar::quoteCount).sum();
    insertRejects("CCC", "LATE_EVENT", cccQuotes / 49, DAY); // 2%
  }

  private static List<Bar> withGapAndSpikes(List<Bar> session) {
    List<Bar> bars = new ArrayList<>();
    for (int m = 0; m < session.size(); m++) {
      Bar bar = session.get(m);
      if (m >= 100 && m < 116) {
        continue;
      }
      if (m == 50 || m == 150 || m == 250) {
        bar = new Bar(bar.symbol(), bar.barTime(), bar.open(), bar.high() * 1.02, bar.low(), bar.close() * 1.02,
            bar.volume(), bar.vwap(), bar.quoteCount(), bar.meanSpread());
      }
      bars.add(bar);
    }
    return bars;
  }

  @AfterAll
  static void stop() {
    if (batch != null) {
      batch.close();
    }
  }

  @Test
  @Order(1)
  void checksEachSymbolInItsOwnPartitionAndRecordsEveryVerdict() throws Exception {
    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    Map<String, StepExecution> steps = steps(execution);
    assertThat(steps).containsOnlyKeys(MANAGER, "checkSymbolQuality:symbol-AAA", "checkSymbolQuality:symbol-BBB",
        "checkSymbolQuality:symbol-CCC");
    assertThat(steps.get(MANAGER).getReadCount()).isEqualTo(3);
    assertThat(steps.get(MANAGER).getWriteCount()).isEqualTo(3);
    for (String symbol : List.of("AAA", "BBB", "CCC")) {
      StepExecution partition = steps.get("checkSymbolQuality:symbol-" + symbol);
      assertThat(partition.getStatus()).isEqualTo(BatchStatus.COMPLETED);
      assertThat(partition.getReadCount()).isEqualTo(1);
      assertThat(partition.getWriteCount()).isEqualTo(1);
      assertThat(partition.getSkipCount()).isZero();
      assertThat(partition.getExecutionContext().getString("symbol")).isEqualTo(symbol);
    }
    assertThat(db.count("quality_checks")).isEqualTo(3L * CHECKS_PER_DAY);

    assertThat(db.count("quality_checks where symbol = 'AAA' and status = 'FAIL'")).isZero();
    assertThat(check("AAA", "completeness")).containsEntry("value", 1.0).containsEntry("threshold", 0.95);
    assertThat((Double) check("AAA", "duplicates").get("value")).isPositive().isLessThan(0.001);
    assertThat(check("AAA", "completeness").get("job_execution_id")).isEqualTo(execution.getId());

    assertThat(failed("BBB")).containsExactly("completeness", "reject_rate", "staleness");
    assertThat(check("BBB", "completeness")).containsEntry("value", 300.0 / 390);
    assertThat(check("BBB", "staleness")).containsEntry("value", 90.0).containsEntry("threshold", 5.0);
    assertThat((Double) check("BBB", "reject_rate").get("value")).isBetween(0.09, 0.11);

    assertThat(failed("CCC")).containsExactly("gaps", "out_of_order", "outliers");
    assertThat(check("CCC", "gaps")).containsEntry("value", 16.0).containsEntry("threshold", 15.0);
    assertThat(check("CCC", "completeness")).containsEntry("status", "PASS").containsEntry("value", 374.0 / 390);
    assertThat(check("CCC", "outliers").get("detail")).asString().startsWith("6 of 373 1-minute returns");
    assertThat((Double) check("CCC", "out_of_order").get("value")).isBetween(0.019, 0.021);
  }

  @Test
  @Order(2)
  void rerunOnUnchangedDataStartsNoPartition() throws Exception {
    Object checkedAt = check("AAA", "reject_rate").get("checked_at");

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(steps(execution)).containsOnlyKeys(MANAGER);
    assertThat(steps(execution).get(MANAGER).getReadCount()).isZero();
    assertThat(db.count("quality_checks")).isEqualTo(3L * CHECKS_PER_DAY);
    assertThat(check("AAA", "reject_rate").get("checked_at")).isEqualTo(checkedAt);
  }

  @Test
  @Order(3)
  void newRejectsReopenOnlyTheirDayAndSymbol() throws Exception {
    insertRejects("AAA", "DUPLICATE", 2, DAY);

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(steps(execution)).containsOnlyKeys(MANAGER, "checkSymbolQuality:symbol-AAA");
    assertThat(steps(execution).get(MANAGER).getReadCount()).isEqualTo(1);
    assertThat(check("AAA", "duplicates").get("detail")).asString().startsWith("4 of");
    assertThat(check("BBB", "reject_rate").get("job_execution_id")).isNotEqualTo(execution.getId());
  }

  @Test
  @Order(4)
  void aRestartRerunsOnlyThePartitionThatFailed() throws Exception {
    List<List<Bar>> sessions = BARS.sessionsBars();
    List<Bar> nextDay = new ArrayList<>(sessions.get(1));
    nextDay.addAll(sessions.get(3));
    nextDay.addAll(sessions.get(5));
    BarsTable.upsert(db.dataSource(), nextDay);
    // the database refuses CCC's verdicts for a while, as an outage of that partition would
    db.jdbc().execute("""
        create function refuse_ccc() returns trigger language plpgsql as $$
        begin
          if new.symbol = 'CCC' then raise exception 'simulated outage while writing CCC'; end if;
          return new;
        end $$""");
    db.jdbc().execute("create trigger refuse_ccc before insert on quality_checks for each row "
        + "execute function refuse_ccc()");

    JobExecution failed = job.startJob(job.getUniqueJobParameters());

    assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
    Map<String, StepExecution> firstSteps = steps(failed);
    assertThat(firstSteps.get("checkSymbolQuality:symbol-AAA").getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(firstSteps.get("checkSymbolQuality:symbol-BBB").getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(firstSteps.get("checkSymbolQuality:symbol-CCC").getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(db.count("quality_checks where trading_date = '" + NEXT_DAY + "'")).isEqualTo(2L * CHECKS_PER_DAY);

    db.jdbc().execute("drop trigger refuse_ccc on quality_checks");
    JobExecution restarted = batch.context().getBean(JobOperator.class).restart(failed);

    assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
    Map<String, StepExecution> restartSteps = steps(restarted);
    assertThat(restartSteps).containsOnlyKeys(MANAGER, "checkSymbolQuality:symbol-CCC");
    assertThat(restartSteps.get("checkSymbolQuality:symbol-CCC").getReadCount()).isEqualTo(1);
    assertThat(db.count("quality_checks where trading_date = '" + NEXT_DAY + "'")).isEqualTo(3L * CHECKS_PER_DAY);
    assertThat(db.count("quality_checks where trading_date = '" + NEXT_DAY + "' and symbol = 'CCC' "
        + "and job_execution_id = " + restarted.getId())).isEqualTo(CHECKS_PER_DAY);
  }

  @Test
  @Order(5)
  void aRunWithADataIntervalChecksExactlyTheDaysInItAgain() throws Exception {
    // a backfill's run for DAY: its three symbols are checked again although nothing changed; NEXT_DAY is left alone
    java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
    JobExecution execution = job.startJob(new org.springframework.batch.core.job.parameters.JobParametersBuilder(
            job.getUniqueJobParameters())
        .addString("dataIntervalStart", DAY.atStartOfDay(newYork).toInstant().toString())
        .addString("dataIntervalEnd", DAY.plusDays(1).atStartOfDay(newYork).toInstant().toString())
        .toJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(steps(execution)).containsOnlyKeys(MANAGER, "checkSymbolQuality:symbol-AAA",
        "checkSymbolQuality:symbol-BBB", "checkSymbolQuality:symbol-CCC");
    assertThat(db.count("quality_checks where trading_date = '" + DAY + "' and job_execution_id = "
        + execution.getId())).isEqualTo(3L * CHECKS_PER_DAY);
    assertThat(db.count("quality_checks where trading_date = '" + NEXT_DAY + "' and job_execution_id = "
        + execution.getId())).isZero();

    JobExecution again = job.startJob(job.getUniqueJobParameters());
    assertThat(steps(again)).as("without an interval: nothing new").containsOnlyKeys(MANAGER);
  }

  private static Map<String, Object> check(String symbol, String name) {
    return db.jdbc().queryForMap("select status, value, threshold, detail, job_execution_id, checked_at "
        + "from quality_checks where trading_date = ? and symbol = ? and check_name = ?", DAY, symbol, name);
  }

  private static List<String> failed(String symbol) {
    return db.jdbc().queryForList("select check_name from quality_checks where trading_date = ? and symbol = ? "
        + "and status = 'FAIL' order by check_name", String.class, DAY, symbol);
  }

  private static void insertRejects(String symbol, String reason, long count, LocalDate day) {
    db.jdbc().update("insert into quote_rejects (reject_key, source, reason, symbol, event_time, raw_payload) "
            + "select 'test:' || ? || ':' || gen_random_uuid(), 'test', ?, ?, "
            + "(?::date + time '12:00') at time zone 'America/New_York', '{}' from generate_series(1, ?)",
        symbol, reason, symbol, day, count);
  }
}
