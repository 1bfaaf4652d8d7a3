package dev.trii.batch.features;

import static dev.trii.batch.testing.BatchTestContext.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.batch.JobNames;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.training.testing.SyntheticBars;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
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

/** featuresJob against real PostgreSQL: what it computes, and that reruns only redo what changed. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeaturesJobFunctionalIT {

  private static final SyntheticBars BARS = SyntheticBars.market(2, "AAA", "BBB");
  private static final int BARS_PER_SESSION = 390;

  private static BatchTestContext batch;
  private static TestDatabase db;
  private static JobOperatorTestUtils job;

  @BeforeAll
  static void start() {
    batch = BatchTestContext.start();
    db = batch.database();
    job = batch.jobUtils(JobNames.FEATURES);
    BarsTable.upsert(db.dataSource(), BARS.bars());
  }

  @AfterAll
  static void stop() {
    if (batch != null) {
      batch.close();
    }
  }

  @Test
  @Order(1)
  void computesFeatureRowsForEverySession() throws Exception {
    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution compute = steps(execution).get("computeFeatures");
    assertThat(compute.getReadCount()).isEqualTo(4);
    assertThat(compute.getWriteCount()).isEqualTo(4);
    assertThat(compute.getSkipCount()).isZero();
    assertThat(compute.getExecutionContext().getLong(SessionRowsWriter.ROWS_WRITTEN)).isEqualTo(4L * BARS_PER_SESSION);
    String version = FeatureSet.v2().version();
    assertThat(db.count("feature_rows where feature_set = '" + version + "'")).isEqualTo(4L * BARS_PER_SESSION);
    // the last minute of a session has no label (the horizon runs past the close); the dead zone takes the minutes
    // whose mid did not move (about a third in a large-tick market)
    assertThat(db.count("feature_rows where label is null")).isBetween(4L * 60, 4L * 200);
    assertThat(db.count("feature_rows where cardinality(features) = " + FeatureSet.NAMES.size()))
        .isEqualTo(4L * BARS_PER_SESSION);
    assertThat(db.jdbc().queryForObject("select horizon_minutes from feature_sets where version = ?", Integer.class,
        version)).isEqualTo(1);
    assertThat(db.jdbc().queryForObject("select count(distinct trading_date) from feature_rows", Long.class))
        .isEqualTo(2);
  }

  @Test
  @Order(2)
  void rerunWithoutNewBarsReadsAndWritesNothing() throws Exception {
    Timestamp computedBefore = lastComputedAt();

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution compute = steps(execution).get("computeFeatures");
    assertThat(compute.getReadCount()).isZero();
    assertThat(compute.getWriteCount()).isZero();
    assertThat(db.count("feature_rows")).isEqualTo(4L * BARS_PER_SESSION);
    assertThat(lastComputedAt()).isEqualTo(computedBefore);
  }

  @Test
  @Order(3)
  void recomputesOnlyTheSessionWhoseBarsChanged() throws Exception {
    List<Bar> session = BARS.sessionsBars().get(0); // AAA, first date
    Bar bar = session.get(200);
    Timestamp computedBefore = lastComputedAt();
    double[] before = features("AAA", bar.barTime());
    BarsTable.upsert(db.dataSource(), List.of(new Bar(bar.symbol(), bar.barTime(), bar.open(), bar.high() * 1.01,
        bar.low(), bar.close() * 1.01, bar.volume(), bar.vwap(), bar.quoteCount(), bar.meanSpread())));

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution compute = steps(execution).get("computeFeatures");
    assertThat(compute.getReadCount()).isEqualTo(1);
    assertThat(compute.getWriteCount()).isEqualTo(1);
    assertThat(features("AAA", bar.barTime())).isNotEqualTo(before);
    LocalDate changedDate = BARS.dates().get(0);
    assertThat(db.jdbc().queryForObject("select count(*) from feature_rows where computed_at > ?", Long.class,
        computedBefore)).isEqualTo(BARS_PER_SESSION);
    assertThat(db.jdbc().queryForObject("select count(*) from feature_rows where computed_at > ? "
        + "and not (symbol = 'AAA' and trading_date = ?)", Long.class, computedBefore, changedDate)).isZero();
  }

  @Test
  @Order(4)
  void picksUpANewSessionAndLeavesTheOthersAlone() throws Exception {
    SyntheticBars nextDay = SyntheticBars.market(1, "AAA").startingOn(BARS.dates().get(1).plusDays(1));
    BarsTable.upsert(db.dataSource(), nextDay.bars());

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    StepExecution compute = steps(execution).get("computeFeatures");
    assertThat(compute.getReadCount()).isEqualTo(1);
    assertThat(compute.getWriteCount()).isEqualTo(1);
    assertThat(db.count("feature_rows")).isEqualTo(5L * BARS_PER_SESSION);
  }

  @Test
  @Order(5)
  void aRunWithADataIntervalRecomputesExactlyTheSessionsInIt() throws Exception {
    java.time.LocalDate first = BARS.dates().get(0);
    java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
    Timestamp before = lastComputedAt();

    JobExecution execution = job.startJob(new org.springframework.batch.core.job.parameters.JobParametersBuilder(
            job.getUniqueJobParameters())
        .addString("dataIntervalStart", first.atStartOfDay(newYork).toInstant().toString())
        .addString("dataIntervalEnd", first.plusDays(1).atStartOfDay(newYork).toInstant().toString())
        .toJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    StepExecution compute = steps(execution).get("computeFeatures");
    assertThat(compute.getReadCount()).as("both symbols' sessions of the first day, though unchanged").isEqualTo(2);
    assertThat(db.count("feature_rows where computed_at > '" + before + "'")).isEqualTo(2L * BARS_PER_SESSION);
    assertThat(db.count("feature_rows where computed_at > '" + before + "' and trading_date <> '" + first + "'"))
        .isZero();
    JobExecution again = job.startJob(job.getUniqueJobParameters());
    assertThat(steps(again).get("computeFeatures").getReadCount()).as("without an interval: nothing new").isZero();
  }

  private static Timestamp lastComputedAt() {
    return db.jdbc().queryForObject("select max(computed_at) from feature_rows", Timestamp.class);
  }

  private static double[] features(String symbol, long ts) {
    Double[] boxed = db.jdbc().queryForObject("select features from feature_rows where symbol = ? and ts = ?",
        (rs, i) -> (Double[]) rs.getArray(1).getArray(), symbol, new Timestamp(ts));
    double[] values = new double[boxed.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = boxed[i];
    }
    return values;
  }
}
