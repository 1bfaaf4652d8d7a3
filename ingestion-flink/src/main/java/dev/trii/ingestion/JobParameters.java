package dev.trii.ingestion;

import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.market.TradingSession;
import dev.trii.ingestion.sink.JdbcSinkSettings;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.SimulatorSource;
import dev.trii.ingestion.source.SimulatorSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
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
  /** Where records come from: {@code simulator} (the only source so far). */
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
  /** Simulator: drift strength, 0 = random walk; default 1. */
  public static final String TREND_STRENGTH = "trend-strength";
  /** Simulator: share of corrupted records; default 0.002. */
  public static final String FAULT_RATE = "fault-rate";
  /** Simulator: time zone of the 09:30–16:00 session; default America/New_York. */
  public static final String TIMEZONE = "timezone";
  /** Checkpoint interval (e.g. {@code 10s}, {@code 500ms}; 0 = off); default 10 s. */
  public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
  /** JDBC sinks: rows per batch; default 5000. */
  public static final String BATCH_SIZE = "batch-size";
  /** JDBC sinks: longest wait of a row in a batch; default 200 ms. */
  public static final String FLUSH_INTERVAL = "flush-interval";
  /** JDBC sinks: retries of a failed batch; default 3. */
  public static final String MAX_RETRIES = "max-retries";

  static final String DEFAULT_SYMBOLS = "AAPL,MSFT,NVDA,AMZN,JPM";
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

  public DatabaseCoordinates database() {
    String url = valueOrEnv(DB_URL, "TRII_DB_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("--" + DB_URL + " (or TRII_DB_URL) is required, e.g. "
          + "jdbc:postgresql://db:5432/trii");
    }
    return new DatabaseCoordinates(url, valueOrEnv(DB_USER, "TRII_DB_USER"),
        valueOrEnv(DB_PASSWORD, "TRII_DB_PASSWORD"));
  }

  /** The configured source of raw records. */
  public Source<RawRecord, ?, ?> source() {
    String source = parameters.get(SOURCE, "simulator");
    if (!source.equals("simulator")) {
      throw new IllegalArgumentException("--" + SOURCE + " must be 'simulator', got '" + source + "'");
    }
    return SimulatorSource.of(simulator());
  }

  public SimulatorSpec simulator() {
    List<String> symbols = Arrays.stream(parameters.get(SYMBOLS, DEFAULT_SYMBOLS).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
    LocalDate start;
    try {
      start = LocalDate.parse(parameters.get(START_DATE, DEFAULT_START_DATE));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--" + START_DATE + " must be an ISO date (2024-01-02), got '"
          + parameters.get(START_DATE) + "'");
    }
    TradingSession session = TradingSession.usEquities(ZoneId.of(parameters.get(TIMEZONE, "America/New_York")));
    return new SimulatorSpec(symbols, start,
        integer(TRADING_DAYS, 1),
        integer(QUOTES_PER_MINUTE, SimulatorSpec.DEFAULT_QUOTES_PER_MINUTE),
        longValue(SEED, SimulatorSpec.DEFAULT_SEED),
        decimal(TREND_STRENGTH, SimulatorSpec.DEFAULT_TREND_STRENGTH),
        decimal(FAULT_RATE, SimulatorSpec.DEFAULT_FAULT_RATE),
        session);
  }

  public Duration checkpointInterval() {
    return duration(CHECKPOINT_INTERVAL, QuoteIngestionJob.DEFAULT_CHECKPOINT_INTERVAL);
  }

  public JdbcSinkSettings sinkSettings() {
    JdbcSinkSettings defaults = JdbcSinkSettings.DEFAULTS;
    return new JdbcSinkSettings(integer(BATCH_SIZE, defaults.batchSize()),
        duration(FLUSH_INTERVAL, defaults.flushInterval()), integer(MAX_RETRIES, defaults.maxRetries()));
  }

  private String valueOrEnv(String key, String variable) {
    String value = parameters.get(key);
    return value != null ? value : environment.get(variable);
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
