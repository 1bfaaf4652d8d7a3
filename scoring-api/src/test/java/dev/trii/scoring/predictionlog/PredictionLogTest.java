package dev.trii.scoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.scoring.metrics.ScoringMetrics;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The prediction log's hand-over: never waits on the request path (a full queue drops and counts), writes in batches
 * in the order given, counts failed writes, writes everything queued when closed. The writer here is a stand-in that
 * records each batch and can be held, so every outcome is decided by the test, not by timing.
 */
class PredictionLogTest {

  private final ScoringMetrics metrics = new ScoringMetrics();
  private final HeldWriter writer = new HeldWriter();

  @Test
  void dropsAndCountsWhatFindsTheQueueFullInsteadOfWaiting() throws InterruptedException {
    PredictionLog log = PredictionLog.start(new Sampling(1), writer, metrics, 3, 1, Duration.ZERO);
    assertThat(log.offer(prediction(0))).isTrue();
    writer.awaitFirstBatch();

    // the writer holds row 0: rows 1-3 fill the queue, rows 4 and 5 find it full
    List<Boolean> accepted = IntStream.rangeClosed(1, 5).mapToObj(i -> log.offer(prediction(i))).toList();

    assertThat(accepted).containsExactly(true, true, true, false, false);
    assertThat(metric("trii_scoring_prediction_log_rows_total{outcome=\"dropped\"}")).isEqualTo(2);
    assertThat(metric("trii_scoring_prediction_log_backlog")).isEqualTo(4);
    writer.release();
    log.close();
    assertThat(writer.rows()).containsExactly("req-0", "req-1", "req-2", "req-3");
    assertThat(metric("trii_scoring_prediction_log_rows_total{outcome=\"logged\"}")).isEqualTo(4);
    assertThat(metric("trii_scoring_prediction_log_backlog")).isZero();
  }

  @Test
  void writesWhatIsQueuedInBatchesOfAtMostTheLimitInOrder() throws InterruptedException {
    PredictionLog log = PredictionLog.start(new Sampling(1), writer, metrics, 100, 4, Duration.ZERO);
    log.offer(prediction(0));
    writer.awaitFirstBatch();
    IntStream.rangeClosed(1, 9).forEach(i -> log.offer(prediction(i)));

    writer.release();
    log.close();

    assertThat(writer.batchSizes()).containsExactly(1, 4, 4, 1);
    assertThat(writer.rows()).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "req-" + i).toList());
  }

  @Test
  void closingWritesEveryQueuedPredictionAndDropsLaterOnes() {
    writer.release();
    PredictionLog log = PredictionLog.start(new Sampling(1), writer, metrics, 1000, 500, Duration.ofMinutes(5));
    IntStream.range(0, 50).forEach(i -> log.offer(prediction(i)));

    log.close();

    assertThat(writer.rows()).hasSize(50);
    assertThat(metric("trii_scoring_prediction_log_rows_total{outcome=\"logged\"}")).isEqualTo(50);
    assertThat(log.offer(prediction(50))).as("closed").isFalse();
    assertThat(metric("trii_scoring_prediction_log_rows_total{outcome=\"dropped\"}")).isEqualTo(1);
  }

  @Test
  void countsTheRowsOfAFailedWriteAndGoesOn() {
    writer.release();
    writer.failOn("req-1");
    PredictionLog log = PredictionLog.start(new Sampling(1), writer, metrics, 10, 1, Duration.ZERO);
    IntStream.range(0, 3).forEach(i -> log.offer(prediction(i)));

    log.close();

    assertThat(writer.rows()).containsExactly("req-0", "req-2");
    assertThat(metric("trii_scoring_prediction_log_rows_total{outcome=\"failed\"}")).isEqualTo(1);
    assertThat(metric("trii_scoring_prediction_log_rows_total{outcome=\"logged\"}")).isEqualTo(2);
    assertThat(metric("trii_scoring_prediction_log_backlog")).isZero();
  }

  @Test
  void atRateZeroKeepsNoRequest() {
    PredictionLog log = PredictionLog.start(new Sampling(0), writer, metrics);

    assertThat(log.keeps("any-request")).isFalse();
    log.close();
    assertThat(writer.rows()).isEmpty();
  }

  private static LoggedPrediction prediction(int i) {
    return new LoggedPrediction("req-" + i, 0, "m", 1, "run", "v2-x", new float[] {i}, 0.6, "up", null, null, null,
        Instant.EPOCH);
  }

  private double metric(String sample) {
    return new String(metrics.scrape(), StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
        .findFirst().orElseThrow(() -> new AssertionError("no sample " + sample));
  }

  /** Records every batch; holds the first one until released; fails a batch holding a chosen request. */
  private static final class HeldWriter implements PredictionLog.Writer {
    private final CountDownLatch firstBatch = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<String> rows = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private volatile String failing;

    @Override
    public void write(List<LoggedPrediction> batch) throws Exception {
      firstBatch.countDown();
      if (!released.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
      if (batch.stream().anyMatch(row -> row.requestId().equals(failing))) {
        throw new SQLException("the database refused the batch");
      }
      batchSizes.add(batch.size());
      batch.forEach(row -> rows.add(row.requestId()));
    }

    void awaitFirstBatch() throws InterruptedException {
      assertThat(firstBatch.await(30, TimeUnit.SECONDS)).as("the writer took the first batch").isTrue();
    }

    void release() {
      released.countDown();
    }

    void failOn(String requestId) {
      failing = requestId;
    }

    List<String> rows() {
      return List.copyOf(rows);
    }

    List<Integer> batchSizes() {
      return List.copyOf(batchSizes);
    }
  }
}
