package dev.trii.ingestion.sink;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The writer of a {@link CopySink}: rows go into {@link CopyBatches}, written when a batch is full, when the oldest
 * row has waited the flush interval, and at every checkpoint ({@link #flush}). A batch that still fails after its
 * retries fails the job, which restarts from its last checkpoint.
 */
final class CopyWriter<T> implements SinkWriter<T> {

  private final CopyBatches<T> batches;
  private final long flushIntervalMillis;
  private final ProcessingTimeService time;

  private ScheduledFuture<?> pendingFlush;

  CopyWriter(CopyBatches<T> batches, long flushIntervalMillis, ProcessingTimeService time) {
    this.batches = batches;
    this.flushIntervalMillis = flushIntervalMillis;
    this.time = time;
  }

  @Override
  public void write(T element, Context context) throws IOException {
    batches.add(element);
    if (batches.pending() == 0) {
      cancelTimer();
    } else if (pendingFlush == null) {
      pendingFlush = time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, now -> {
        pendingFlush = null;
        batches.flush();
      });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    cancelTimer();
    batches.flush();
  }

  private void cancelTimer() {
    if (pendingFlush != null) {
      pendingFlush.cancel(false);
      pendingFlush = null;
    }
  }

  @Override
  public void close() {
    cancelTimer();
    batches.close();
  }
}
