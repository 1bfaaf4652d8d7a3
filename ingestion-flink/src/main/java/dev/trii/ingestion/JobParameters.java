package dev.trii.ingestion;

import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.ingestion.sink.JdbcSinkSettings;
import dev.trii.ingestion.source.FaultRates;
import dev.trii.ingestion.source.FileReplaySource;
import dev.trii.ingestion.source.KafkaQuoteSource;
import dev.trii.ingestion.source.KafkaSettings;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.SimulatedFault;
import dev.trii.ingestion.source.SimulatorSource;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.validation.IngestionRules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.TimeUtils;

/**
 * The job's settings from command-line arguments ({@code --name value}), optionally layered over a properties file
 * ({@code --config file}; arguments win), with the database falling back to the {@code TRII_DB_*} environment.
 */
public final class JobParameters {

  /** Properties file with any of the options below. */
  public static final String CONFIG = "config";
  /** JDBC URL of PostgreSQL; default {@code $TRII_DB_URL}. */
  public static final String DB_URL = "db.url";
  /** Database user; default {@code $TRII_DB_USER}. */
  public static final String DB_USER = "db.user";
  /** Database password; default {@code $TRII_DB_PASSWORD}. */
  public static final String DB_PASSWORD = "db.password";
  /** Where records come from: {@code simulator} (default), {@code kafka} or {@code file}. */
  public static final String SOURCE = "source";
  /** Simulator: comma-separated symbols; default {@code AAPL,MSFT,NVDA,AMZN,JPM}. */
  public static final String SYMBOLS = "symbols";
  /** Simulator: first date (ISO); default 2024-01-02. */
  public static final String START_DATE = "start-date";
  /** Simulator: trading days; default 1. */
  public static final String TRADING_DAYS = "trading-days";
  /** Simulator: quotes per symbol and minute; default 60. */
  public static final String QUOTES_PER_MINUTE = "quotes-per-minute";
  /** Simulator: seed; default 42. */
  public static final String SEED = "seed";
  /** Simulator: how strongly queue imbalance decides the next mid move, 0 = random walk; default 1. */
  public static final String IMBALANCE_EFFECT = "imbalance-effect";
  /** Simulator: share of corrupted records, spread evenly over the fault kinds; default 0.002. */
  public static final String FAULT_RATE = "fault-rate";
  /**
   * Simulator: prefix of one fault kind's rate, replacing the even spread, e.g. {@code --fault.duplicate 0.001}
   * ({@code SimulatedFault} names, lower case, {@code -} or {@code _}).
   */
  public static final String FAULT_PREFIX = "fault.";
  /** Simulator: probability per symbol and trading day that the symbol goes silent; default 0. */
  public static final String SILENCE_RATE = "silence-rate";
  /** Simulator: length of a silence in minutes; default 15. */
  public static final String SILENCE_MINUTES = "silence-minutes";
  /** Kafka: bootstrap servers, {@code host:port[,…]}. */
  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
  /** Kafka: comma-separated topics; default {@code quotes}. */
  public static final String KAFKA_TOPICS = "kafka.topics";
  /** Kafka: consumer group; default {@code trii-ingestion}. */
  public static final String KAFKA_GROUP_ID = "kafka.group-id";
  /** Kafka: where a job without a checkpoint starts: committed (default), earliest, latest. */
  public static final String KAFKA_STARTING_OFFSETS = "kafka.starting-offsets";
  /** Kafka: true = stop at the latest offsets seen at start (a backfill that ends); default false. */
  public static final String KAFKA_BOUNDED = "kafka.bounded";
  /** Kafka: prefix of further consumer properties, e.g. {@code --kafka.property.security.protocol SSL}. */
  public static final String KAFKA_PROPERTY_PREFIX = "kafka.property.";
  /** File: the CSV file to replay. */
  public static final String FILE_PATH = "file.path";
  /** File: event time per wall-clock time (60 = a minute of quotes per second); default 0, as fast as possible. */
  public static final String FILE_REPLAY_SPEED = "file.replay-speed";
  /** Validation rules file (keys of {@code ingestion-rules.properties}); default: the built-in defaults. */
  public static final String RULES = "rules";
  /** Prefix of a single rules key, winning over the rules file, e.g. {@code --rule.spread.max-bps 300}. */
  public static final String RULE_PREFIX = "rule.";
  /** Parallelism of the per-symbol checks, bars and sinks; default: the environment's. */
  public static final String PARALLELISM = "parallelism";
  /** Parallelism of the source and the record-level validation; default 1 (keeps simulator and file in order). */
  public static final String SOURCE_PARALLELISM = "source-parallelism";
  /** Local runs only: expose metrics for Prometheus on this port or range (e.g. 9249 or 9249-9259). */
  public static final String PROMETHEUS_PORT = "prometheus-port";
  /** Restart attempts after a failure (fixed delay; 0 = fail at once); default 10. */
  public static final String RESTART_ATTEMPTS = "restart-attempts";
  /** Pause before each restart; default 2 s. */
  public static final String RESTART_DELAY = "restart-delay";
  /**
   * Instrument reference (YAML, the format of the built-in {@code instruments.yaml}) laid over the built-in one: the
   * trading calendar of each symbol; default {@code $TRII_INSTRUMENTS_FILE}, else the built-in reference.
   */
  public static final String INSTRUMENTS = "instruments";
  /** Checkpoint interval (e.g. {@code 10s}, {@code 500ms}; 0 = off); default 10 s. */
  public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
  /** JDBC sinks: rows per batch; default 5000. */
  public static final String BATCH_SIZE = "batch-size";
  /** JDBC sinks: longest wait of a row in a batch; default 200 ms. */
  public static final String FLUSH_INTERVAL = "flush-interval";
  /** JDBC sinks: retries of a failed batch; default 3. */
  public static final String MAX_RETRIES = "max-retries";

  static final String DEFAULT_START_DATE = "2024-01-02";

  private final ParameterTool parameters;
  private final Map<String, String> environment;

  JobParameters(ParameterTool parameters, Map<String, String> environment) {
    this.parameters = parameters;
    this.environment = environment;
  }

  /** Settings from {@code args}, the file named by {@code --config} and this process's environment. */
  public static JobParameters fromArgs(String[] args) {
    ParameterTool fromArgs = ParameterTool.fromArgs(args);
    ParameterTool merged = fromArgs;
    if (fromArgs.has(CONFIG)) {
      try {
        merged = ParameterTool.fromPropertiesFile(fromArgs.getRequired(CONFIG)).mergeWith(fromArgs);
      } catch (IOException e) {
        throw new IllegalArgumentException("--" + CONFIG + ": cannot read " + fromArgs.get(CONFIG) + ": "
            + e.getMessage(), e);
      }
    }
    return new JobParameters(merged, System.getenv());
  }

  /**
   * A local run of the configured source with these settings (the launcher's {@code trii ingest}): checkpoints and
   * restarts as configured, else the local defaults; parallelism as configured, else the local default.
   */
  public LocalRun localRun() {
    LocalRun run = LocalRun.of(source(), describeSource(), expectedRecords())
        .withRules(rules())
        .withSinkSettings(sinkSettings())
        .withCheckpointInterval(duration(CHECKPOINT_INTERVAL, IngestionRunner.LOCAL_CHECKPOINT_INTERVAL))
        .withRestarts(positiveOrZero(RESTART_ATTEMPTS, IngestionRunner.LOCAL_RESTART_ATTEMPTS),
            duration(RESTART_DELAY, IngestionRunner.LOCAL_RESTART_DELAY))
        .withSourceParallelism(sourceParallelism());
    if (parallelism() > 0) {
      run = run.withParallelism(parallelism());
    }
    String prometheus = parameters.get(PROMETHEUS_PORT);
    return prometheus == null || prometheus.isBlank() ? run : run.withPrometheusPort(prometheus.trim());
  }

  public DatabaseCoordinates database() {
    String url = valueOrEnv(DB_URL, Settings.DB_URL);
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("--" + DB_URL + " (or TRII_DB_URL) is required, e.g. "
          + "jdbc:postgresql://db:5432/trii");
    }
    return new DatabaseCoordinates(url, valueOrEnv(DB_USER, Settings.DB_USER),
        valueOrEnv(DB_PASSWORD, Settings.DB_PASSWORD));
  }

  /** The configured source kind: simulator, kafka or file. */
  public String sourceKind() {
    String source = parameters.get(SOURCE, "simulator").trim();
    if (!List.of("simulator", "kafka", "file").contains(source)) {
      throw new IllegalArgumentException("--" + SOURCE + " must be 'simulator', 'kafka' or 'file', got '" + source
          + "'");
    }
    return source;
  }

  /** The configured source of raw records. */
  public Source<RawRecord, ?, ?> source() {
    return switch (sourceKind()) {
      case "kafka" -> KafkaQuoteSource.of(kafka());
      case "file" -> FileReplaySource.of(filePath(), decimal(FILE_REPLAY_SPEED, 0));
      default -> SimulatorSource.of(simulator());
    };
  }

  /** A line saying what the configured source delivers. */
  public String describeSource() {
    return switch (sourceKind()) {
      case "kafka" -> {
        KafkaSettings kafka = kafka();
        yield "Kafka topic(s) " + String.join(",", kafka.topics()) + " at " + kafka.bootstrapServers() + " (group "
            + kafka.groupId() + ", " + (kafka.bounded() ? "up to the latest offsets" : "running on") + ")";
      }
      case "file" -> "file " + filePath().toAbsolutePath().normalize();
      default -> simulator().describe();
    };
  }

  /** Records the configured source will deliver, -1 when unknown (Kafka). */
  public long expectedRecords() {
    return switch (sourceKind()) {
      case "kafka" -> -1;
      case "file" -> FileReplaySource.countRecords(filePath());
      default -> simulator().totalRecords();
    };
  }

  public Path filePath() {
    String path = parameters.get(FILE_PATH);
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("--" + FILE_PATH + " is required with --source file");
    }
    return Path.of(path.trim());
  }

  public KafkaSettings kafka() {
    String offsets = parameters.get(KAFKA_STARTING_OFFSETS, "committed").trim();
    KafkaSettings.StartingOffsets start;
    try {
      start = KafkaSettings.StartingOffsets.valueOf(offsets.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + KAFKA_STARTING_OFFSETS + " must be committed, earliest or latest, "
          + "got '" + offsets + "'");
    }
    Map<String, String> properties = new HashMap<>();
    parameters.toMap().forEach((key, value) -> {
      if (key.startsWith(KAFKA_PROPERTY_PREFIX)) {
        properties.put(key.substring(KAFKA_PROPERTY_PREFIX.length()), value);
      }
    });
    String servers = parameters.get(KAFKA_BOOTSTRAP_SERVERS);
    if (servers == null || servers.isBlank()) {
      throw new IllegalArgumentException("--" + KAFKA_BOOTSTRAP_SERVERS + " is required with --source kafka, e.g. "
          + "broker:9092");
    }
    return new KafkaSettings(servers.trim(), list(parameters.get(KAFKA_TOPICS, "quotes")),
        parameters.get(KAFKA_GROUP_ID, KafkaSettings.DEFAULT_GROUP_ID).trim(), start, bool(KAFKA_BOUNDED, false),
        properties);
  }

  /**
   * The validation rules: defaults, then the {@code --rules} file, then {@code --rule.<key>} arguments; counting market
   * time in {@link #instruments()}.
   */
  public IngestionRules rules() {
    String file = parameters.get(RULES);
    IngestionRules rules = file == null || file.isBlank() ? IngestionRules.defaults()
        : IngestionRules.load(Path.of(file.trim()));
    Map<String, String> overrides = new HashMap<>();
    parameters.toMap().forEach((key, value) -> {
      if (key.startsWith(RULE_PREFIX)) {
        overrides.put(key.substring(RULE_PREFIX.length()), value.trim());
      }
    });
    return (overrides.isEmpty() ? rules : rules.with(overrides)).withInstruments(instruments());
  }

  /**
   * The instrument reference: {@code --instruments FILE} (or {@code $TRII_INSTRUMENTS_FILE}) over the built-in one.
   * Read where {@code main} runs (the client of {@code flink run}, or the JobManager for a REST submission) and
   * shipped to the task managers inside the job graph: the task managers never read the file.
   */
  public InstrumentReference instruments() {
    String file = valueOrEnv(INSTRUMENTS, Settings.INSTRUMENTS_FILE);
    return file == null || file.isBlank() ? InstrumentReference.builtIn() : InstrumentReference.load(Path.of(file.trim()));
  }

  /** Parallelism of the per-symbol checks, bars and sinks; 0 = the environment's. */
  public int parallelism() {
    return positiveOrZero(PARALLELISM, 0);
  }

  /** Parallelism of the source and record-level validation. */
  public int sourceParallelism() {
    int value = positiveOrZero(SOURCE_PARALLELISM, 1);
    if (value < 1) {
      throw new IllegalArgumentException("--" + SOURCE_PARALLELISM + " must be >= 1, got " + value);
    }
    return value;
  }

  public int restartAttempts() {
    return positiveOrZero(RESTART_ATTEMPTS, QuoteIngestionJob.DEFAULT_RESTART_ATTEMPTS);
  }

  public Duration restartDelay() {
    return duration(RESTART_DELAY, QuoteIngestionJob.DEFAULT_RESTART_DELAY);
  }

  public SimulatorSpec simulator() {
    List<String> symbols = list(parameters.get(SYMBOLS, Settings.SYMBOLS.defaultValue()));
    LocalDate start;
    try {
      start = LocalDate.parse(parameters.get(START_DATE, DEFAULT_START_DATE));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--" + START_DATE + " must be an ISO date (2024-01-02), got '"
          + parameters.get(START_DATE) + "'");
    }
    return new SimulatorSpec(symbols, start,
        integer(TRADING_DAYS, 1),
        integer(QUOTES_PER_MINUTE, SimulatorSpec.DEFAULT_QUOTES_PER_MINUTE),
        longValue(SEED, SimulatorSpec.DEFAULT_SEED),
        decimal(IMBALANCE_EFFECT, SimulatorSpec.DEFAULT_IMBALANCE_EFFECT),
        faults(),
        SimulatorSpec.calendarOf(symbols, instruments()));
  }

  private FaultRates faults() {
    FaultRates faults = FaultRates.uniform(decimal(FAULT_RATE, SimulatorSpec.DEFAULT_FAULT_RATE));
    Map<SimulatedFault, Double> kinds = new HashMap<>();
    parameters.toMap().forEach((key, value) -> {
      if (key.startsWith(FAULT_PREFIX)) {
        String name = key.substring(FAULT_PREFIX.length()).toUpperCase(Locale.ROOT).replace('-', '_');
        SimulatedFault fault;
        try {
          fault = SimulatedFault.valueOf(name);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--" + key + ": unknown fault kind, expected one of "
              + Arrays.stream(SimulatedFault.values()).map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                  .toList());
        }
        kinds.put(fault, decimal(key, 0));
      }
    });
    if (!kinds.isEmpty()) {
      faults = new FaultRates(kinds, 0, FaultRates.DEFAULT_SILENCE_MINUTES);
    }
    return faults.withSilence(decimal(SILENCE_RATE, 0), integer(SILENCE_MINUTES, FaultRates.DEFAULT_SILENCE_MINUTES));
  }

  public Duration checkpointInterval() {
    return duration(CHECKPOINT_INTERVAL, QuoteIngestionJob.DEFAULT_CHECKPOINT_INTERVAL);
  }

  public JdbcSinkSettings sinkSettings() {
    JdbcSinkSettings defaults = JdbcSinkSettings.DEFAULTS;
    return new JdbcSinkSettings(integer(BATCH_SIZE, defaults.batchSize()),
        duration(FLUSH_INTERVAL, defaults.flushInterval()), integer(MAX_RETRIES, defaults.maxRetries()));
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }

  private int positiveOrZero(String key, int defaultValue) {
    int value = integer(key, defaultValue);
    if (value < 0) {
      throw new IllegalArgumentException("--" + key + " must be >= 0, got " + value);
    }
    return value;
  }

  private boolean bool(String key, boolean defaultValue) {
    String value = parameters.get(key);
    if (value == null) {
      return defaultValue;
    }
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("--" + key + " must be true or false, got '" + value + "'");
  }

  private String valueOrEnv(String key, Setting setting) {
    String value = parameters.get(key);
    return value != null ? value : environment.get(setting.env());
  }

  private int integer(String key, int defaultValue) {
    String value = parameters.get(key);
    try {
      return value == null ? defaultValue : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer, got '" + value + "'");
    }
  }

  private long longValue(String key, long defaultValue) {
    String value = parameters.get(key);
    try {
      return value == null ? defaultValue : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer, got '" + value + "'");
    }
  }

  private double decimal(String key, double defaultValue) {
    String value = parameters.get(key);
    try {
      return value == null ? defaultValue : Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, got '" + value + "'");
    }
  }

  private Duration duration(String key, Duration defaultValue) {
    String value = parameters.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return value.trim().equals("0") ? Duration.ZERO : TimeUtils.parseDuration(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + key + " must be a duration such as 10s or 500ms, got '" + value + "'");
    }
  }
}
