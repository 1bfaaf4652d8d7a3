package dev.trii.ingestion.testing;

import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * A source that delivers everything the wrapped source delivers and then, instead of ending, waits until
 * {@link #release} is called: the job (and its metrics) stays up after the last record, so a test can look at it.
 */
public final class HeldOpenSource<T, S extends SourceSplit, E> extends DelegatingSource<T, S, E> {

  private static final long serialVersionUID = 1L;
  private static volatile CompletableFuture<Void> released = new CompletableFuture<>();

  private HeldOpenSource(Source<T, S, E> delegate) {
    super(delegate);
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
  SourceReader<T, S> wrapReader(SourceReader<T, S> reader) {
    return new DelegatingReader<>(reader) {
      private boolean ended;

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (ended && !released.isDone()) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        InputStatus status = delegate.pollNext(output);
        if (status == InputStatus.END_OF_INPUT && !released.isDone()) {
          ended = true;
          return InputStatus.NOTHING_AVAILABLE;
        }
        return status;
      }

      @Override
      public CompletableFuture<Void> isAvailable() {
        return ended && !released.isDone() ? released : delegate.isAvailable();
      }
    };
  }
}
