package dev.trii.ingestion;

import dev.trii.core.market.Quote;
import dev.trii.core.market.QuoteReject;
import dev.trii.ingestion.bars.MinuteBars;
import dev.trii.ingestion.bars.QuoteSymbol;
import dev.trii.ingestion.history.CheckQuoteHistory;
import dev.trii.ingestion.sink.IngestionSinks;
import dev.trii.ingestion.sink.JdbcIngestionSinks;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.ParsedQuote;
import dev.trii.ingestion.validation.ParsedQuoteSymbol;
import dev.trii.ingestion.validation.ValidateQuotes;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The quote ingestion job: raw records from a source are validated record by record (parse, symbol, prices, sizes,
 * spread, event time) and then per symbol (duplicates, price spikes, stale symbols); valid quotes, rejects and
 * ingestion events (stale symbols, gaps in event time) are written to PostgreSQL, and valid quotes are aggregated into event-time one-minute bars,
 * also written to PostgreSQL.
 *
 * <pre>
 * source ─▶ validate-quotes ─▶ keyBy(symbol) ─▶ check-quote-history ─┬─▶ quotes sink
 *              │ (rejects, gaps)                  │ (rejects, stale)    └─▶ 1-minute bars ─▶ bars sink
 *              └──────────────▶ rejects sink, events sink ◀───┘
 * </pre>
 *
 * <p>{@code validate-quotes} owns event time: it emits the watermarks (a pure function of the records, with its
 * stream time checkpointed), so a replay after a failure makes the same decisions as the first run. With a source of
 * parallelism 1 (simulator, file) each symbol's records reach the per-symbol checks in source order; a Kafka source
 * keeps per-partition order, so key the topic by symbol. The sinks are idempotent upserts: at-least-once delivery plus
 * exactly-once state gives an exactly-once effect on the tables.
 *
 * <p>The source and the sinks come in through the constructor, so tests and other entry points (a local run, the
 * benchmark) reuse the same pipeline. Every operator has a stable uid: savepoints stay compatible as the job grows.
 *
 * <p>On a cluster, {@link #main(String[])} reads its settings from the arguments ({@link JobParameters} lists them,
 * e.g. {@code --source kafka}, {@code --db.url}, {@code --rules}, {@code --checkpoint-interval}), optionally from a
 * properties file given by {@code --config}, with the database falling back to {@code TRII_DB_URL},
 * {@code TRII_DB_USER}, {@code TRII_DB_PASSWORD}.
 */
public final class QuoteIngestionJob {

  /** Name of the job as submitted. */
  public static final String JOB_NAME = "trii-quote-ingestion";
  /** Checkpoint interval unless configured otherwise. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  /** Restart attempts after a failure unless configured otherwise. */
  public static final int DEFAULT_RESTART_ATTEMPTS = 10;
  /** Pause before a restart unless configured otherwise. */
  public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(2);

  static final String UID_SOURCE = "quote-source";
  static final String UID_VALIDATE = "validate-quotes";
  static final String UID_HISTORY = "check-quote-history";
  static final String UID_QUOTES_SINK = "quotes-sink";
  static final String UID_REJECTS_SINK = "quote-rejects-sink";
  static final String UID_BARS_SINK = "bars-1m-sink";
  static final String UID_EVENTS_SINK = "ingestion-events-sink";

  private final Source<RawRecord, ?, ?> source;
  private final IngestionSinks sinks;
  private final IngestionRules rules;
  private final int sourceParallelism;

  /**
   * @param sourceParallelism parallelism of the source and the record-level validation; 0 = the environment's
   */
  public QuoteIngestionJob(Source<RawRecord, ?, ?> source, IngestionSinks sinks, IngestionRules rules,
      int sourceParallelism) {
    this.source = Objects.requireNonNull(source, "source");
    this.sinks = Objects.requireNonNull(sinks, "sinks");
    this.rules = Objects.requireNonNull(rules, "rules");
    if (sourceParallelism < 0) {
      throw new IllegalArgumentException("sourceParallelism must be >= 0, got " + sourceParallelism);
    }
    this.sourceParallelism = sourceParallelism;
  }

  /** Adds the pipeline to {@code env}; {@link #configure} sets checkpointing and restarts. */
  public void build(StreamExecutionEnvironment env) {
    DataStreamSource<RawRecord> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "quote-source",
        TypeInformation.of(RawRecord.class));
    raw.uid(UID_SOURCE);
    if (sourceParallelism > 0) {
      raw.setParallelism(sourceParallelism);
    }

    SingleOutputStreamOperator<ParsedQuote> parsed = raw
        .transform("validate-quotes", TypeInformation.of(ParsedQuote.class), ValidateQuotes.of(rules))
        .uid(UID_VALIDATE);
    if (sourceParallelism > 0) {
      parsed.setParallelism(sourceParallelism);
    }

    SingleOutputStreamOperator<Quote> valid = parsed
        .keyBy(new ParsedQuoteSymbol())
        .process(new CheckQuoteHistory(rules))
        .name("check-quote-history")
        .uid(UID_HISTORY);

    valid.sinkTo(sinks.quotes()).name("quotes-to-postgres").uid(UID_QUOTES_SINK);

    DataStream<QuoteReject> rejects = parsed.getSideOutput(ValidateQuotes.REJECTS)
        .union(valid.getSideOutput(ValidateQuotes.REJECTS));
    rejects.sinkTo(sinks.rejects()).name("rejects-to-postgres").uid(UID_REJECTS_SINK);

    parsed.getSideOutput(ValidateQuotes.EVENTS)
        .union(valid.getSideOutput(ValidateQuotes.EVENTS))
        .sinkTo(sinks.events())
        .name("events-to-postgres")
        .uid(UID_EVENTS_SINK);

    // the per-symbol checks emit each quote on the subtask that owns its symbol: no second shuffle for the bars
    MinuteBars.of(DataStreamUtils.reinterpretAsKeyedStream(valid, new QuoteSymbol()),
            Duration.ofMillis(rules.allowedLatenessMs()))
        .sinkTo(sinks.bars())
        .name("bars-to-postgres")
        .uid(UID_BARS_SINK);
  }

  /**
   * Environment settings the job relies on: exactly-once checkpoints every {@code checkpointInterval} (zero: off);
   * a fixed-delay restart strategy ({@code restartAttempts} attempts, 0 = fail at once); object reuse, which is safe
   * because every record type is immutable.
   */
  public static void configure(StreamExecutionEnvironment env, Duration checkpointInterval, int restartAttempts,
      Duration restartDelay) {
    if (!checkpointInterval.isZero()) {
      env.enableCheckpointing(checkpointInterval.toMillis());
    }
    Configuration restarts = new Configuration();
    if (restartAttempts > 0) {
      restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
      restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
    } else {
      restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    }
    env.configure(restarts);
    env.getConfig().enableObjectReuse();
  }

  /** Runs the job where it is submitted (a cluster via {@code flink run}, or locally), with the configured source. */
  public static void main(String[] args) throws Exception {
    JobParameters parameters = JobParameters.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, parameters.checkpointInterval(), parameters.restartAttempts(), parameters.restartDelay());
    if (parameters.parallelism() > 0) {
      env.setParallelism(parameters.parallelism());
    }
    new QuoteIngestionJob(parameters.source(), new JdbcIngestionSinks(parameters.database(), parameters.sinkSettings()),
        parameters.rules(), parameters.sourceParallelism())
        .build(env);
    env.execute(JOB_NAME);
  }
}
