package dev.trii.ingestion.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source that delivers everything the wrapped source delivers and then, instead of ending, waits until
 * {@link #release} is called: the job (and its metrics) stays up after the last record, so a test can look at it.
 */
public final class HeldOpenSource<T, S extends SourceSplit, E> implements Source<T, S, E> {

  private static final long serialVersionUID = 1L;
  private static volatile CompletableFuture<Void> released = new CompletableFuture<>();

  private final Source<T, S, E> delegate;

  private HeldOpenSource(Source<T, S, E> delegate) {
    this.delegate = delegate;
  }

  public static <T, S extends SourceSplit, E> HeldOpenSource<T, S, E> wrap(Source<T, S, E> delegate) {
    released = new CompletableFuture<>();
    return new HeldOpenSource<>(delegate);
  }

  /** Lets the held sources end. */
  public static void release() {
    released.complete(null);
  }

  @Override
  public Boundedness getBoundedness() {
    return delegate.getBoundedness();
  }

  @Override
  public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
    SourceReader<T, S> reader = delegate.createReader(context);
    return new SourceReader<>() {
      private boolean ended;

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (ended && !released.isDone()) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        InputStatus status = reader.pollNext(output);
        if (status == InputStatus.END_OF_INPUT && !released.isDone()) {
          ended = true;
          return InputStatus.NOTHING_AVAILABLE;
        }
        return status;
      }

      @Override
      public CompletableFuture<Void> isAvailable() {
        return ended && !released.isDone() ? released : reader.isAvailable();
      }

      @Override
      public void start() {
        reader.start();
      }

      @Override
      public List<S> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
      }

      @Override
      public void addSplits(List<S> splits) {
        reader.addSplits(splits);
      }

      @Override
      public void notifyNoMoreSplits() {
        reader.notifyNoMoreSplits();
      }

      @Override
      public void notifyCheckpointComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
      }

      @Override
      public void close() throws Exception {
        reader.close();
      }
    };
  }

  @Override
  public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
    return delegate.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint) throws Exception {
    return delegate.restoreEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<S> getSplitSerializer() {
    return delegate.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
    return delegate.getEnumeratorCheckpointSerializer();
  }
}
