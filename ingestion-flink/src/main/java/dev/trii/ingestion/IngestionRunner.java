package dev.trii.ingestion;

import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.ingestion.sink.IngestionSinks;
import dev.trii.ingestion.sink.JdbcIngestionSinks;
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
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the ingestion job on a local Flink MiniCluster inside the calling JVM (the launcher's {@code ./trii demo} and
 * {@code ./trii ingest}, and the tests) and returns the run's summary.
 *
 * <p>Local runs checkpoint every second and restart a failed job from its last checkpoint (a few attempts, then the
 * error surfaces). The summary's counts stay exact across restarts: they are checkpointed with the job's state and
 * the accumulators of a restarted task start from them ({@link Tallies}). Flink logs through SLF4J; the caller's
 * logging configuration decides how quiet it is.
 */
public final class IngestionRunner {

  /** Parallelism of local runs. */
  public static final int LOCAL_PARALLELISM = 2;
  /**
   * Checkpoint interval of local runs: short, because a bounded job with checkpointing waits for one last checkpoint
   * after its input ends (so that committing sinks can commit), which would add up to a whole interval to a short run.
   */
  public static final Duration LOCAL_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  /** Restart attempts of local runs. */
  public static final int LOCAL_RESTART_ATTEMPTS = 3;
  /** Pause before a restart of a local run. */
  public static final Duration LOCAL_RESTART_DELAY = Duration.ofMillis(500);

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private IngestionRunner() {}

  /**
   * Ingests the simulated market described by {@code spec} into the database.
   *
   * @param progress receives a few human-readable lines: what is ingested, how far it got, the summary
   * @throws TriiException when the database is unreachable or the job fails
   */
  public static IngestionResult runLocal(SimulatorSpec spec, DatabaseCoordinates db, Consumer<String> progress) {
    return run(LocalRun.simulator(spec), db, progress);
  }

  /**
   * Runs the job as {@code run} describes, into the database (or into the run's own sinks, when it has them; then
   * {@code db} may be null).
   *
   * @throws TriiException when the database is unreachable or the job fails
   */
  public static IngestionResult run(LocalRun run, DatabaseCoordinates db, Consumer<String> progress) {
    return execute(run, db, progress).result();
  }

  /** What a local run produced, and how long the job itself ran (without starting the local cluster). */
  public record Execution(IngestionResult result, Duration jobRuntime) {}

  /** {@link #run}, also returning the job's own runtime. */
  public static Execution execute(LocalRun run, DatabaseCoordinates db, Consumer<String> progress) {
    try (Running running = start(run, db, progress)) {
      return running.await();
    }
  }

  /**
   * Starts the job and returns at once: for unbounded sources (Kafka) that run until cancelled, and for callers that
   * watch the job themselves.
   *
   * @throws TriiException when the database is unreachable or the job does not start
   */
  public static Running start(LocalRun run, DatabaseCoordinates db, Consumer<String> progress) {
    IngestionSinks sinks = run.sinks();
    if (sinks == null) {
      Database.checkConnection(db);
      sinks = new JdbcIngestionSinks(db, run.sinkSettings());
      progress.accept("ingesting " + run.description() + " into " + db.url());
    } else {
      progress.accept("ingesting " + run.description());
    }
    StreamExecutionEnvironment env = localEnvironment(run);
    QuoteIngestionJob.configure(env, run.checkpointInterval(), run.restartAttempts(), run.restartDelay());
    new QuoteIngestionJob(run.source(), sinks, run.rules(), run.sourceParallelism()).build(env);
    long started = System.nanoTime();
    try {
      return new Running(env.executeAsync(QuoteIngestionJob.JOB_NAME), run.expectedRecords(), progress, started);
    } catch (Exception e) {
      throw new TriiException("the ingestion job did not start: " + rootMessage(e), e);
    }
  }

  private static StreamExecutionEnvironment localEnvironment(LocalRun run) {
    Configuration configuration = new Configuration();
    // task managers report accumulators with their heartbeats: frequent heartbeats give live progress
    configuration.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
    if (run.prometheusPort() != null) {
      configuration.set(ConfigOptions.key("metrics.reporter.prom.factory.class").stringType().noDefaultValue(),
          "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
      configuration.set(ConfigOptions.key("metrics.reporter.prom.port").stringType().noDefaultValue(),
          run.prometheusPort());
    }
    return StreamExecutionEnvironment.createLocalEnvironment(run.parallelism(), configuration);
  }

  /** A job started by {@link #start}: watch it, wait for it, or cancel it (closing cancels a job still running). */
  public static final class Running implements AutoCloseable {

    private final JobClient client;
    private final long expectedRecords;
    private final Consumer<String> progress;
    private final long started;
    private volatile boolean finished;

    private Running(JobClient client, long expectedRecords, Consumer<String> progress, long started) {
      this.client = client;
      this.expectedRecords = expectedRecords;
      this.progress = progress;
      this.started = started;
    }

    /** The Flink job's id. */
    public String jobId() {
      return client.getJobID().toString();
    }

    /** The counts so far (from the live accumulators); zeros when they cannot be read right now. */
    public IngestionResult current() throws InterruptedException {
      Map<String, Object> accumulators;
      try {
        accumulators = client.getAccumulators().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException | IllegalStateException e) {
        accumulators = Map.of();
      }
      return IngestionResult.fromAccumulators(accumulators, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Records read so far while the job runs; 0 when it is not running (any more) or cannot be asked. */
    private long readSoFar() throws InterruptedException {
      try {
        if (client.getJobStatus().get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS) != JobStatus.RUNNING) {
          return 0;
        }
      } catch (ExecutionException | TimeoutException | IllegalStateException e) {
        // best effort: the job may finish (and its local cluster stop) between two polls; the result comes from the job
        return 0;
      }
      return current().read();
    }

    /**
     * Waits for the job to end, reporting progress, and returns its result.
     *
     * @throws TriiException when the job fails or the wait is interrupted (the job is then cancelled)
     */
    public Execution await() {
      long lastReported = 0;
      try {
        while (true) {
          try {
            JobExecutionResult execution = client.getJobExecutionResult()
                .get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            finished = true;
            IngestionResult result = IngestionResult.fromAccumulators(execution.getAllAccumulatorResults(),
                Duration.ofNanos(System.nanoTime() - started));
            progress.accept("ingested " + result.summary());
            return new Execution(result, Duration.ofMillis(execution.getNetRuntime()));
          } catch (TimeoutException stillRunning) {
            long read = readSoFar();
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
        finished = true;
        throw new TriiException("the ingestion job failed: " + rootMessage(e), e);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new TriiException("ingestion interrupted; the job was cancelled", e);
      }
    }

    /** Cancels the job and waits until it is gone. */
    @Override
    public void close() {
      if (finished) {
        return;
      }
      finished = true;
      try {
        client.cancel().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException | IllegalStateException e) {
        // already finished or the local cluster is gone
      }
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
