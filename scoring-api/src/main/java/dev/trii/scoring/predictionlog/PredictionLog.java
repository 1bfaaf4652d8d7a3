package dev.trii.scoring.predictionlog;

import dev.trii.scoring.metrics.ScoringMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring API's prediction log: the request path hands each served prediction over ({@link #offer}) and one
 * background thread writes them to {@code prediction_log} in batches (up to {@value #MAX_BATCH} rows, or what arrived
 * within {@link #MAX_WAIT} of a batch's first row), so that no request waits for the database. The queue is bounded
 * ({@value #CAPACITY} rows): a prediction that finds it full is dropped and counted, never waited for. A failed write
 * is counted and logged, and its rows are lost: the log is evidence of what was served, not a ledger. Which requests
 * are logged is the {@link Sampling}'s choice; at rate 0 there is no thread. {@link #close} writes what is queued.
 *
 * <p>Metrics ({@link ScoringMetrics}): rows logged, dropped and failed, and the backlog (rows handed over, not yet
 * written or failed).
 */
public final class PredictionLog implements AutoCloseable {

  /** Most rows waiting to be written. */
  public static final int CAPACITY = 10_000;
  /** Most rows in one insert batch. */
  public static final int MAX_BATCH = 500;
  /** Longest a batch waits for more rows after its first. */
  public static final Duration MAX_WAIT = Duration.ofMillis(200);
  /** How often a batch being filled takes the rows that arrived. */
  static final Duration FILL_SLICE = Duration.ofMillis(10);

  private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
  /** What {@link #close} puts in the queue to end the writer's wait at once; never written. */
  private static final LoggedPrediction WAKE_UP = new LoggedPrediction("", 0, "", 0, null, "", new float[0], 0, "up", null,
      null, null, Instant.EPOCH);

  /** Writes one batch of rows, all or none: {@link PredictionLogTable} in the service. */
  @FunctionalInterface
  public interface Writer {
    void write(List<LoggedPrediction> rows) throws Exception;
  }

  private final Sampling sampling;
  private final Writer writer;
  private final ScoringMetrics metrics;
  private final BlockingQueue<LoggedPrediction> queue;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final Thread thread;
  private volatile boolean closed;

  private PredictionLog(Sampling sampling, Writer writer, ScoringMetrics metrics, int capacity, int maxBatch,
      Duration maxWait) {
    if (capacity < 1 || maxBatch < 1 || maxWait.isNegative()) {
      throw new IllegalArgumentException("capacity and batch must be >= 1 and the wait >= 0, got " + capacity + ", "
          + maxBatch + ", " + maxWait);
    }
    this.sampling = sampling;
    this.writer = writer;
    this.metrics = metrics;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.thread = sampling.off() ? null : new Thread(this::run, "prediction-log-writer");
    if (thread != null) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Starts the writer thread (none when the sampling rate is 0). */
  public static PredictionLog start(Sampling sampling, Writer writer, ScoringMetrics metrics) {
    return new PredictionLog(sampling, writer, metrics, CAPACITY, MAX_BATCH, MAX_WAIT);
  }

  /** A log with other limits than the service's. */
  static PredictionLog start(Sampling sampling, Writer writer, ScoringMetrics metrics, int capacity, int maxBatch,
      Duration maxWait) {
    return new PredictionLog(sampling, writer, metrics, capacity, maxBatch, maxWait);
  }

  /** Whether the predictions of the request with this id are logged. */
  public boolean keeps(String requestId) {
    return sampling.keeps(requestId);
  }

  /**
   * Hands one prediction to the writer without waiting.
   *
   * @return false when it was dropped (and counted): the queue was full, or the log is closed
   */
  public boolean offer(LoggedPrediction prediction) {
    if (closed || !queue.offer(prediction)) {
      metrics.predictionLogDropped();
      return false;
    }
    metrics.predictionLogQueued();
    return true;
  }

  private void run() {
    List<LoggedPrediction> batch = new ArrayList<>(maxBatch);
    while (!closed || !queue.isEmpty()) {
      try {
        LoggedPrediction first = queue.poll(maxWaitNanos, TimeUnit.NANOSECONDS);
        if (first == null || first == WAKE_UP) {
          continue;
        }
        batch.add(first);
        fill(batch);
        batch.removeIf(row -> row == WAKE_UP);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        // only close() stops the writer, and not by interrupting it
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Adds rows until the batch is full or its wait is over; no more waiting once the log is closing. It takes what
   * arrived every {@link #FILL_SLICE}, not each row as it comes: a writer waiting on the queue would be woken by every
   * request's {@link #offer}, a futex call and a context switch per prediction on the request path.
   */
  private void fill(List<LoggedPrediction> batch) {
    long deadline = System.nanoTime() + maxWaitNanos;
    while (true) {
      queue.drainTo(batch, maxBatch - batch.size());
      long left = deadline - System.nanoTime();
      if (batch.size() >= maxBatch || closed || left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, FILL_SLICE.toNanos()));
    }
  }

  private void write(List<LoggedPrediction> batch) {
    try {
      writer.write(batch);
      metrics.predictionsLogged(batch.size());
    } catch (Exception e) {
      metrics.predictionLogWriteFailed(batch.size());
      log.warn("prediction log: {} predictions not written: {}", batch.size(), e.toString());
    }
  }

  /** Stops taking predictions and writes every one still queued; waits for the writer to finish. */
  @Override
  public void close() {
    closed = true;
    if (thread == null) {
      return;
    }
    // a full queue needs no wake-up: the writer is busy
    queue.offer(WAKE_UP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a prediction handed over while the writer was finishing
    List<LoggedPrediction> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.removeIf(row -> row == WAKE_UP);
    for (int from = 0; from < rest.size(); from += maxBatch) {
      write(rest.subList(from, Math.min(rest.size(), from + maxBatch)));
    }
  }
}
