package dev.trii.batch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trii.batch.JobNames;
import dev.trii.batch.testing.BatchTestContext;
import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.testing.BarsTable;
import dev.trii.core.testing.TestDatabase;
import dev.trii.training.testing.SyntheticBars;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * liveAccuracyJob against real PostgreSQL: predictions logged over two sessions of a large-tick market get the
 * outcome an independent calculation from the bars gives (the close a minute later, a one-basis-point dead zone, no
 * label across a missing bar or past the session's end), {@code live_accuracy} counts them per model version and day,
 * a prediction whose horizon has not passed stays pending, a rerun changes nothing, and a restart after a failed
 * recount counts each prediction once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveAccuracyJobFunctionalIT {

  private static final String MODEL = "live-it";
  private static final String FEATURE_SET = FeatureSet.v2().version();
  private static final SyntheticBars MARKET = SyntheticBars.market(2, "AAA", "BBB")
      .startingOn(LocalDate.of(2026, 11, 18));
  /** A session that is not over: its last prediction must wait. */
  private static final LocalDate FUTURE = LocalDate.of(2030, 6, 3);
  /** Minutes of the first AAA session without a bar. */
  private static final List<Integer> GAPS = List.of(100, 200);

  private static BatchTestContext batch;
  private static TestDatabase db;
  private static JobOperatorTestUtils job;
  /** Every bar in the table, by symbol and time. */
  private static final Map<String, Map<Long, Bar>> BARS = new HashMap<>();
  /** Every prediction by symbol logged, with the outcome the independent calculation expects. */
  private static final List<Expected> LOGGED = new ArrayList<>();
  private static long nextId;

  /** A logged prediction and what the bars say about it; a null outcome: pending. */
  private record Expected(String requestId, int version, LocalDate day, String outcome, Integer label,
      Double forwardReturn) {}

  @BeforeAll
  static void start() {
    batch = BatchTestContext.start();
    db = batch.database();
    job = batch.jobUtils(JobNames.LIVE_ACCURACY);
    List<Bar> bars = new ArrayList<>();
    List<List<Bar>> sessions = MARKET.sessionsBars();
    for (int m = 0; m < sessions.get(0).size(); m++) {
      if (!GAPS.contains(m)) {
        bars.add(sessions.get(0).get(m));
      }
    }
    sessions.subList(1, sessions.size()).forEach(bars::addAll);
    bars.addAll(SyntheticBars.market(1, "AAA").startingOn(FUTURE).bars().subList(0, 30));
    BarsTable.upsert(db.dataSource(), bars);
    bars.forEach(bar -> BARS.computeIfAbsent(bar.symbol(), s -> new HashMap<>()).put(bar.barTime(), bar));
  }

  @AfterAll
  static void stop() {
    if (batch != null) {
      batch.close();
    }
  }

  @Test
  @Order(1)
  void givesEachPredictionWhoseHorizonPassedTheOutcomeTheBarsGiveAndCountsThemPerVersionAndDay() throws Exception {
    for (List<Bar> session : MARKET.sessionsBars()) {
      for (int m = 0; m < session.size(); m++) {
        if (m % 7 == 0 || m == 99 || m == 199 || m == session.size() - 1) {
          Bar bar = session.get(m);
          if (BARS.get(bar.symbol()).containsKey(bar.barTime())) {
            // v1 follows the book's queue imbalance, v2 bets against it
            String follows = bar.closeImbalance() >= 0 ? "up" : "down";
            log(1, bar, follows);
            log(2, bar, follows.equals("up") ? "down" : "up");
          }
        }
      }
    }
    List<Bar> future = new ArrayList<>(new TreeMap<>(BARS.get("AAA")).tailMap(
        FeatureSet.v2().calendar("AAA").openOf(FUTURE)).values());
    log(1, future.get(10), "up");
    log(1, future.get(future.size() - 1), "up");
    db.jdbc().update("insert into prediction_log (request_id, row_index, model_name, model_version, feature_set, "
        + "features_sha256, probability_up, direction, logged_at) select 'by-vector', n, ?, 1, ?, 'x', 0.7, 'up', "
        + "now() from generate_series(0, 2) n", MODEL, FEATURE_SET);
    // a version of a model trained on another feature set: its label is that feature set's, not this platform's
    Bar first = MARKET.sessionsBars().get(0).get(1);
    String other = "p-" + nextId++;
    insert(other, 9, first, "up", "v2-000000000000");
    LOGGED.add(new Expected(other, 9, MARKET.dates().get(0), null, null, null));

    JobExecution execution = job.startJob(job.getUniqueJobParameters());

    assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    List<Map<String, Object>> rows = db.jdbc().queryForList("select * from prediction_log where request_id like "
        + "'p-%' order by log_id");
    assertThat(rows).hasSize(LOGGED.size());
    long pending = 0;
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      Expected expected = LOGGED.get(i);
      assertThat(row.get("request_id")).isEqualTo(expected.requestId());
      assertThat(row.get("outcome")).as("%s", expected).isEqualTo(expected.outcome());
      assertThat(row.get("labelled_at") == null).isEqualTo(expected.outcome() == null);
      assertThat(row.get("realized_label") == null ? null : ((Number) row.get("realized_label")).intValue())
          .as("%s", expected).isEqualTo(expected.label());
      if (expected.forwardReturn() == null) {
        assertThat(row.get("forward_return")).as("%s", expected).isNull();
      } else {
        assertThat((Double) row.get("forward_return")).isCloseTo(expected.forwardReturn(), within(1e-12));
      }
      pending += expected.outcome() == null ? 1 : 0;
    }
    assertThat(pending).isEqualTo(2);
    assertThat(LOGGED).filteredOn(e -> "UNLABELLABLE".equals(e.outcome())).hasSizeGreaterThan(50);
    assertThat(db.count("prediction_log where request_id = 'by-vector' and outcome is null"))
        .as("nothing to compare a vector with").isEqualTo(3);

    assertSummaryAsExpected();
    long decided = LOGGED.size() - pending;
    assertThat(execution.getExitStatus().getExitDescription()).contains(decided + " predictions decided ("
        + count("HIT") + " hits, " + count("MISS") + " misses, " + count("UNLABELLABLE") + " unlabellable), 2 pending");

    LiveAccuracy live = new LiveAccuracy(db.dataSource());
    LiveAccuracy.Tally v1 = live.version(MODEL, 1).orElseThrow();
    assertThat(v1.hitRate()).as("the queue imbalance predicts the next move").isGreaterThan(0.7);
    assertThat(live.version(MODEL, 2).orElseThrow().hitRate()).isLessThan(0.3);
    assertThat(live.versions(MODEL)).extracting(LiveAccuracy.Tally::modelVersion).containsExactly(9, 2, 1);
    assertThat(v1.firstDay()).isEqualTo(MARKET.dates().get(0));
    assertThat(v1.lastDay()).isEqualTo(FUTURE);
    assertThat(live.days(MODEL, 1, 2)).extracting(LiveAccuracy.Tally::firstDay)
        .containsExactly(FUTURE, MARKET.dates().get(1));
    assertThat(live.version(MODEL, 3)).isEmpty();
  }

  @Test
  @Order(2)
  void aRerunDecidesNothingAgainAndCountsTheSame() throws Exception {
    List<Map<String, Object>> log = db.jdbc().queryForList("select log_id, outcome, realized_label, forward_return, "
        + "labelled_at from prediction_log order by log_id");
    List<Map<String, Object>> summary = summary();

    JobExecution rerun = job.startJob(job.getUniqueJobParameters());

    assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    assertThat(BatchTestContext.steps(rerun).get("labelPredictions").getWriteCount()).isZero();
    assertThat(rerun.getExitStatus().getExitDescription()).startsWith("0 predictions decided");
    assertThat(db.jdbc().queryForList("select log_id, outcome, realized_label, forward_return, labelled_at "
        + "from prediction_log order by log_id")).isEqualTo(log);
    assertThat(summary()).isEqualTo(summary);
  }

  @Test
  @Order(3)
  void aRestartAfterAFailedRecountCountsEachNewPredictionOnce() throws Exception {
    List<Bar> secondDay = MARKET.sessionsBars().get(1);
    for (int m = 3; m < 390; m += 10) {
      log(1, secondDay.get(m), "up");
    }
    db.jdbc().execute("""
        create function refuse_recount() returns trigger language plpgsql as $$
        begin raise exception 'live_accuracy is read-only for this test'; end $$;
        create trigger refuse_recount before insert or update on live_accuracy
          for each row execute function refuse_recount();
        """);
    JobExecution failed = job.startJob(job.getUniqueJobParameters());
    assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(BatchTestContext.steps(failed).get("labelPredictions").getStatus()).isEqualTo(BatchStatus.COMPLETED);

    db.jdbc().execute("drop trigger refuse_recount on live_accuracy");
    JobExecution restarted = batch.context().getBean(JobOperator.class).restart(failed);

    assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    Map<String, StepExecution> steps = BatchTestContext.steps(restarted);
    assertThat(steps).containsOnlyKeys("recountLiveAccuracy");
    assertSummaryAsExpected();
    assertThat(restarted.getExitStatus().getExitDescription()).startsWith("39 predictions decided");
  }

  /** {@code live_accuracy} equals the counts of {@link #LOGGED}, day by day and version by version. */
  private static void assertSummaryAsExpected() {
    Map<String, long[]> expected = new TreeMap<>();
    for (Expected e : LOGGED) {
      long[] counts = expected.computeIfAbsent(e.version() + " " + e.day(), key -> new long[5]);
      counts[0]++;
      counts[1] += "HIT".equals(e.outcome()) || "MISS".equals(e.outcome()) ? 1 : 0;
      counts[2] += "HIT".equals(e.outcome()) ? 1 : 0;
      counts[3] += "UNLABELLABLE".equals(e.outcome()) ? 1 : 0;
      counts[4] += e.outcome() == null ? 1 : 0;
    }
    Map<String, long[]> actual = new TreeMap<>();
    for (Map<String, Object> row : summary()) {
      actual.put(row.get("model_version") + " " + row.get("trading_date"), new long[] {
          (Long) row.get("predictions"), (Long) row.get("labelled"), (Long) row.get("hits"),
          (Long) row.get("unlabellable"), (Long) row.get("pending")});
      Object hitRate = row.get("hit_rate");
      assertThat(hitRate).isEqualTo((Long) row.get("labelled") == 0 ? null
          : (double) (Long) row.get("hits") / (Long) row.get("labelled"));
    }
    assertThat(actual).containsOnlyKeys(expected.keySet());
    expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).containsExactly(counts));
  }

  private static List<Map<String, Object>> summary() {
    return db.jdbc().queryForList("select model_name, model_version, trading_date, predictions, labelled, hits, "
        + "unlabellable, pending, hit_rate from live_accuracy order by model_version, trading_date");
  }

  private static long count(String outcome) {
    return LOGGED.stream().filter(e -> outcome.equals(e.outcome())).count();
  }

  /**
   * Logs a prediction of model version {@code version} on the bar, and what an independent calculation from the
   * bars expects: the log return to the close one minute later, no label within one basis point of no move, none
   * without a bar a minute later (a gap, or the session's end), and pending while the session is not over.
   */
  private static void log(int version, Bar bar, String direction) {
    String requestId = "p-" + nextId++;
    insert(requestId, version, bar, direction, FEATURE_SET);
    LocalDate day = FeatureSet.v2().calendar(bar.symbol()).tradingDate(bar.barTime());
    Bar next = BARS.get(bar.symbol()).get(bar.barTime() + Bar.MINUTE_MILLIS);
    if (next == null) {
      boolean over = !day.equals(FUTURE);
      LOGGED.add(new Expected(requestId, version, day, over ? "UNLABELLABLE" : null, null, null));
      return;
    }
    double r = Math.log(next.close() / bar.close());
    Integer label = Math.abs(r) * 1e4 < 1 ? null : r > 0 ? 1 : 0;
    String outcome = label == null ? "UNLABELLABLE" : (label == 1) == direction.equals("up") ? "HIT" : "MISS";
    LOGGED.add(new Expected(requestId, version, day, outcome, label, r));
  }

  private static void insert(String requestId, int version, Bar bar, String direction, String featureSet) {
    db.jdbc().update("insert into prediction_log (request_id, row_index, model_name, model_version, run_id, "
            + "feature_set, features_sha256, probability_up, direction, symbol, as_of, trading_date, logged_at) "
            + "values (?, 0, ?, ?, 'run', ?, 'x', ?, ?, ?, ?, ?, ?)", requestId, MODEL, version, featureSet,
        direction.equals("up") ? 0.8 : 0.2, direction, bar.symbol(), new Timestamp(bar.barTime()),
        Date.valueOf(FeatureSet.v2().calendar(bar.symbol()).tradingDate(bar.barTime())),
        Timestamp.from(Instant.ofEpochMilli(bar.barTime() + 5_000)));
  }
}
