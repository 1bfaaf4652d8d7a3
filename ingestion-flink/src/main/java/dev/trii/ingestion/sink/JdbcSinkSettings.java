package dev.trii.ingestion.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Batching and retries of the JDBC sinks.
 *
 * @param batchSize rows per batch, flushed when full; default 5,000, range [1, 100,000]
 * @param flushInterval longest time a row waits in a batch; default 200 ms, at least 1 ms
 * @param maxRetries attempts after a failed batch before the job fails; default 3, range [0, 100]
 */
public record JdbcSinkSettings(int batchSize, Duration flushInterval, int maxRetries) implements Serializable {

  public static final JdbcSinkSettings DEFAULTS = new JdbcSinkSettings(5_000, Duration.ofMillis(200), 3);

  public JdbcSinkSettings {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("batchSize must be in [1, 100000], got " + batchSize);
    }
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (flushInterval.toMillis() < 1) {
      throw new IllegalArgumentException("flushInterval must be at least 1 ms, got " + flushInterval);
    }
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries must be in [0, 100], got " + maxRetries);
    }
  }
}
