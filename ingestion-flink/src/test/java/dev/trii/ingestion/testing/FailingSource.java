package dev.trii.ingestion.testing;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * A source that behaves exactly like the one it wraps, except that its readers crash the job at random points: each
 * reader (one per attempt) throws after a random number of records, drawn from a seeded generator, once a checkpoint
 * has completed in its attempt (so every attempt makes progress), until the configured number of failures happened.
 * The crash fails the task and Flink's restart strategy restores the whole job from its last checkpoint.
 *
 * <p>The failure schedule is static: one per test JVM (the MiniCluster runs in it); {@link #arm} before each run.
 */
public final class FailingSource<T, S extends SourceSplit, E> extends DelegatingSource<T, S, E> {

  private static final long serialVersionUID = 1L;

  private static final AtomicInteger FAILURES = new AtomicInteger();
  private static volatile int maxFailures;
  private static volatile long minRecords;
  private static volatile long maxRecords;
  private static Random random = new Random(0);

  private FailingSource(Source<T, S, E> delegate) {
    super(delegate);
  }

  public static <T, S extends SourceSplit, E> FailingSource<T, S, E> wrap(Source<T, S, E> delegate) {
    return new FailingSource<>(delegate);
  }

  /** Sets the schedule: {@code failures} crashes, each after [min, max) records of its attempt. */
  public static synchronized void arm(int failures, long min, long max, long seed) {
    FAILURES.set(0);
    maxFailures = failures;
    minRecords = min;
    maxRecords = max;
    random = new Random(seed);
  }

  /** Crashes so far. */
  public static int failures() {
    return FAILURES.get();
  }

  private static synchronized long nextFailurePoint() {
    return minRecords + (long) (random.nextDouble() * (maxRecords - minRecords));
  }

  @Override
  SourceReader<T, S> wrapReader(SourceReader<T, S> reader) {
    return new FailingReader<>(reader, nextFailurePoint());
  }

  private static final class FailingReader<T, S extends SourceSplit> extends DelegatingReader<T, S> {

    private final long failAt;
    private long records;
    private volatile boolean checkpointed;

    FailingReader(SourceReader<T, S> delegate, long failAt) {
      super(delegate);
      this.failAt = failAt;
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      if (checkpointed && records >= failAt && FAILURES.get() < maxFailures) {
        int failure = FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure #" + failure + " after " + records
            + " records of this attempt");
      }
      records++;
      return delegate.pollNext(output);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      checkpointed = true;
      delegate.notifyCheckpointComplete(checkpointId);
    }
  }
}
