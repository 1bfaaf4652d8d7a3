package dev.trii.ingestion;

import dev.trii.ingestion.sink.IngestionSinks;
import dev.trii.ingestion.sink.JdbcSinkSettings;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.SimulatorSource;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.validation.IngestionRules;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apache.flink.api.connector.source.Source;

/**
 * What a local run ingests and how: the source, the rules, the sinks' batching, checkpoints, restarts, parallelism
 * and an optional Prometheus port. Immutable; each {@code with...} returns a changed copy.
 */
public final class LocalRun {

  private final Source<RawRecord, ?, ?> source;
  private final String description;
  private final long expectedRecords;
  private IngestionRules rules = IngestionRules.defaults();
  private JdbcSinkSettings sinkSettings = JdbcSinkSettings.DEFAULTS;
  private IngestionSinks sinks;
  private Duration checkpointInterval = IngestionRunner.LOCAL_CHECKPOINT_INTERVAL;
  private int restartAttempts = IngestionRunner.LOCAL_RESTART_ATTEMPTS;
  private Duration restartDelay = IngestionRunner.LOCAL_RESTART_DELAY;
  private int parallelism = IngestionRunner.LOCAL_PARALLELISM;
  private int sourceParallelism = 1;
  private String prometheusPort;

  private LocalRun(Source<RawRecord, ?, ?> source, String description, long expectedRecords) {
    this.source = Objects.requireNonNull(source, "source");
    this.description = Objects.requireNonNull(description, "description");
    this.expectedRecords = expectedRecords;
  }

  private LocalRun copy() {
    LocalRun copy = new LocalRun(source, description, expectedRecords);
    copy.rules = rules;
    copy.sinkSettings = sinkSettings;
    copy.sinks = sinks;
    copy.checkpointInterval = checkpointInterval;
    copy.restartAttempts = restartAttempts;
    copy.restartDelay = restartDelay;
    copy.parallelism = parallelism;
    copy.sourceParallelism = sourceParallelism;
    copy.prometheusPort = prometheusPort;
    return copy;
  }

  /**
   * A run over any source.
   *
   * @param description what is ingested, for the first progress line
   * @param expectedRecords records the source will deliver, or -1 when unknown (progress then shows counts only)
   */
  public static LocalRun of(Source<RawRecord, ?, ?> source, String description, long expectedRecords) {
    return new LocalRun(source, description, expectedRecords);
  }

  /** A run over the simulated market. */
  public static LocalRun simulator(SimulatorSpec spec) {
    return of(SimulatorSource.of(spec), spec.describe(), spec.totalRecords());
  }

  /**
   * A run over the simulated market's trading days from {@code firstDay} (0 is the first) on, paced to
   * {@code recordsPerSecond} (0: as fast as read): {@link SimulatorSource#fromDay}.
   */
  public static LocalRun simulatorFromDay(SimulatorSpec spec, int firstDay, double recordsPerSecond) {
    Source<RawRecord, ?, ?> source = SimulatorSource.fromDay(spec, firstDay, recordsPerSecond);
    long records = spec.totalRecords() - new MarketSimulator(spec).firstRecordOfDay(firstDay);
    String pace = recordsPerSecond > 0 ? String.format(Locale.ROOT, ", %,.0f records/s", recordsPerSecond) : "";
    return of(source, String.format(Locale.ROOT, "trading day %s on of %s%s", spec.tradingDates().get(firstDay),
        spec.describe(), pace), records);
  }

  public LocalRun withRules(IngestionRules value) {
    LocalRun copy = copy();
    copy.rules = Objects.requireNonNull(value, "rules");
    return copy;
  }

  public LocalRun withSinkSettings(JdbcSinkSettings value) {
    LocalRun copy = copy();
    copy.sinkSettings = Objects.requireNonNull(value, "sinkSettings");
    return copy;
  }

  /** Other sinks than the database's (e.g. discarding ones, to measure the job without writes). */
  public LocalRun withSinks(IngestionSinks value) {
    LocalRun copy = copy();
    copy.sinks = Objects.requireNonNull(value, "sinks");
    return copy;
  }

  /** Checkpoint interval; zero turns checkpoints off. */
  public LocalRun withCheckpointInterval(Duration value) {
    LocalRun copy = copy();
    copy.checkpointInterval = Objects.requireNonNull(value, "checkpointInterval");
    return copy;
  }

  /** Restarts after a failure (0: fail at once), each after {@code delay}. */
  public LocalRun withRestarts(int attempts, Duration delay) {
    if (attempts < 0) {
      throw new IllegalArgumentException("restart attempts must be >= 0, got " + attempts);
    }
    LocalRun copy = copy();
    copy.restartAttempts = attempts;
    copy.restartDelay = Objects.requireNonNull(delay, "delay");
    return copy;
  }

  /** Parallelism of the per-symbol checks, the bars and the sinks. */
  public LocalRun withParallelism(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + value);
    }
    LocalRun copy = copy();
    copy.parallelism = value;
    return copy;
  }

  /** Parallelism of the source and the record-level validation (1 keeps a simulator or file in order). */
  public LocalRun withSourceParallelism(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("source parallelism must be >= 1, got " + value);
    }
    LocalRun copy = copy();
    copy.sourceParallelism = value;
    return copy;
  }

  /** Exposes the job's metrics for Prometheus on this port (or range, e.g. {@code 9249-9259}); null: no reporter. */
  public LocalRun withPrometheusPort(String value) {
    LocalRun copy = copy();
    copy.prometheusPort = value;
    return copy;
  }

  public Source<RawRecord, ?, ?> source() {
    return source;
  }

  public String description() {
    return description;
  }

  public long expectedRecords() {
    return expectedRecords;
  }

  public IngestionRules rules() {
    return rules;
  }

  public JdbcSinkSettings sinkSettings() {
    return sinkSettings;
  }

  /** The sinks to use instead of the database's, or null. */
  public IngestionSinks sinks() {
    return sinks;
  }

  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  public int restartAttempts() {
    return restartAttempts;
  }

  public Duration restartDelay() {
    return restartDelay;
  }

  public int parallelism() {
    return parallelism;
  }

  public int sourceParallelism() {
    return sourceParallelism;
  }

  public String prometheusPort() {
    return prometheusPort;
  }
}
