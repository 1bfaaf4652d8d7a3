package dev.trii.ingestion;

import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.ingestion.sink.JdbcIngestionSinks;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.SimulatorSource;
import dev.trii.ingestion.source.SimulatorSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the ingestion job on a local Flink MiniCluster inside the calling JVM (the launcher's {@code ./trii demo} and
 * {@code ./trii ingest}, and the tests) and returns the run's summary.
 *
 * <p>Local runs do not restart a failed job: the error surfaces at once, and the summary's counts always cover the
 * whole run (accumulators are not restored from checkpoints). Flink logs through SLF4J; the caller's logging
 * configuration decides how quiet it is.
 */
public final class IngestionRunner {

  /** Parallelism of local runs. */
  public static final int LOCAL_PARALLELISM = 2;
  /**
   * Checkpoint interval of local runs: short, because a bounded job with checkpointing waits for one last checkpoint
   * after its input ends (so that committing sinks can commit), which would add up to a whole interval to a short run.
   */
  public static final Duration LOCAL_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private IngestionRunner() {}

  /**
   * Ingests the simulated market described by {@code spec} into the database.
   *
   * @param progress receives a few human-readable lines: what is ingested, how far it got, the summary
   * @throws TriiException when the database is unreachable or the job fails
   */
  public static IngestionResult runLocal(SimulatorSpec spec, DatabaseCoordinates db, Consumer<String> progress) {
    return runLocal(SimulatorSource.of(spec), spec.describe(), spec.totalRecords(), db, progress);
  }

  /**
   * Ingests the records of any bounded source (e.g. a file source) into the database.
   *
   * @param description what is ingested, for the first progress line
   * @param expectedRecords records the source will deliver, or -1 when unknown (progress then shows counts only)
   * @throws TriiException when the database is unreachable or the job fails
   */
  public static IngestionResult runLocal(Source<RawRecord, ?, ?> source, String description, long expectedRecords,
      DatabaseCoordinates db, Consumer<String> progress) {
    Database.checkConnection(db);
    progress.accept("ingesting " + description + " into " + db.url());
    StreamExecutionEnvironment env = localEnvironment();
    QuoteIngestionJob.configure(env, LOCAL_CHECKPOINT_INTERVAL);
    new QuoteIngestionJob(source, new JdbcIngestionSinks(db)).build(env);

    long started = System.nanoTime();
    JobExecutionResult execution = execute(env, expectedRecords, progress);
    IngestionResult result = IngestionResult.fromAccumulators(execution.getAllAccumulatorResults(),
        Duration.ofNanos(System.nanoTime() - started));
    progress.accept("ingested " + result.summary());
    return result;
  }

  private static StreamExecutionEnvironment localEnvironment() {
    Configuration configuration = new Configuration();
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    // task managers report accumulators with their heartbeats: frequent heartbeats give live progress
    configuration.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
    return StreamExecutionEnvironment.createLocalEnvironment(LOCAL_PARALLELISM, configuration);
  }

  private static JobExecutionResult execute(StreamExecutionEnvironment env, long expectedRecords,
      Consumer<String> progress) {
    JobClient client;
    try {
      client = env.executeAsync(QuoteIngestionJob.JOB_NAME);
    } catch (Exception e) {
      throw new TriiException("the ingestion job did not start: " + rootMessage(e), e);
    }
    long lastReported = 0;
    try {
      while (true) {
        try {
          return client.getJobExecutionResult().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          long read = readSoFar(client);
          if (read > lastReported) {
            lastReported = read;
            progress.accept(expectedRecords > 0
                ? String.format(Locale.ROOT, "… %,d of %,d records (%.0f%%)", read, expectedRecords,
                    100.0 * read / expectedRecords)
                : String.format(Locale.ROOT, "… %,d records", read));
          }
        }
      }
    } catch (ExecutionException e) {
      throw new TriiException("the ingestion job failed: " + rootMessage(e), e);
    } catch (InterruptedException e) {
      client.cancel();
      Thread.currentThread().interrupt();
      throw new TriiException("ingestion interrupted; the job was cancelled", e);
    }
  }

  private static long readSoFar(JobClient client) throws InterruptedException {
    try {
      if (client.getJobStatus().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS) != JobStatus.RUNNING) {
        return 0;
      }
      Map<String, Object> accumulators = client.getAccumulators().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      return IngestionResult.count(accumulators, IngestionMetrics.READ);
    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
      // best effort: the job may finish (and its local cluster stop) between two polls; the result comes from the job
      return 0;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
