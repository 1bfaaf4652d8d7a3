package dev.trii.ingestion;

import dev.trii.core.market.Quote;
import dev.trii.ingestion.bars.MinuteBars;
import dev.trii.ingestion.bars.QuoteEventTime;
import dev.trii.ingestion.sink.IngestionSinks;
import dev.trii.ingestion.sink.JdbcIngestionSinks;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.validation.QuoteValidator;
import dev.trii.ingestion.validation.ValidateQuotes;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The quote ingestion job: raw records from a source are parsed and validated (rejects to a side output), valid quotes
 * and rejects are written to PostgreSQL, and valid quotes are aggregated into event-time one-minute bars, also
 * written to PostgreSQL.
 *
 * <pre>
 * source ─▶ validate ─┬─▶ quotes sink
 *                     ├─(rejects)─▶ rejects sink
 *                     └─▶ event time ─▶ keyBy(symbol) ─▶ 1-minute window ─▶ bars sink
 * </pre>
 *
 * <p>The source and the sinks come in through the constructor, so tests and other entry points (a local run, a file
 * source) reuse the same pipeline. Every operator has a stable uid: savepoints stay compatible as the job grows.
 *
 * <p>On a cluster, {@link #main(String[])} reads its settings from the arguments ({@link JobParameters} lists them,
 * e.g. {@code --db.url}, {@code --symbols}, {@code --trading-days}, {@code --checkpoint-interval}), optionally from a
 * properties file given by {@code --config}, with the database falling back to {@code TRII_DB_URL},
 * {@code TRII_DB_USER}, {@code TRII_DB_PASSWORD}.
 */
public final class QuoteIngestionJob {

  /** Name of the job as submitted. */
  public static final String JOB_NAME = "trii-quote-ingestion";
  /** How far out of event-time order quotes may arrive and still count in their bar. */
  public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
  /** Checkpoint interval unless configured otherwise. */
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  static final String UID_SOURCE = "quote-source";
  static final String UID_VALIDATE = "validate-quotes";
  static final String UID_EVENT_TIME = "quote-event-time";
  static final String UID_QUOTES_SINK = "quotes-sink";
  static final String UID_REJECTS_SINK = "quote-rejects-sink";
  static final String UID_BARS_SINK = "bars-1m-sink";

  private final Source<RawRecord, ?, ?> source;
  private final IngestionSinks sinks;
  private final QuoteValidator validator;

  /** A job with the standard validation rules. */
  public QuoteIngestionJob(Source<RawRecord, ?, ?> source, IngestionSinks sinks) {
    this(source, sinks, QuoteValidator.standard());
  }

  public QuoteIngestionJob(Source<RawRecord, ?, ?> source, IngestionSinks sinks, QuoteValidator validator) {
    this.source = Objects.requireNonNull(source, "source");
    this.sinks = Objects.requireNonNull(sinks, "sinks");
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /** Adds the pipeline to {@code env}; {@link #configure} sets checkpointing. */
  public void build(StreamExecutionEnvironment env) {
    DataStream<RawRecord> raw = env
        .fromSource(source, WatermarkStrategy.noWatermarks(), "quote-source")
        .uid(UID_SOURCE);

    SingleOutputStreamOperator<Quote> valid = raw
        .process(new ValidateQuotes(validator))
        .name("validate-quotes")
        .uid(UID_VALIDATE);

    valid.sinkTo(sinks.quotes()).name("quotes-to-postgres").uid(UID_QUOTES_SINK);

    valid.getSideOutput(ValidateQuotes.REJECTS)
        .sinkTo(sinks.rejects())
        .name("rejects-to-postgres")
        .uid(UID_REJECTS_SINK);

    DataStream<Quote> timed = valid
        .assignTimestampsAndWatermarks(QuoteEventTime.watermarks(MAX_OUT_OF_ORDERNESS))
        .name("quote-event-time")
        .uid(UID_EVENT_TIME);

    MinuteBars.of(timed).sinkTo(sinks.bars()).name("bars-to-postgres").uid(UID_BARS_SINK);
  }

  /**
   * Environment settings the job relies on: exactly-once checkpoints (window state is restored exactly; the sinks'
   * upserts absorb replays) every {@code checkpointInterval} (zero: off), and object reuse, which is safe because
   * every record type is immutable.
   */
  public static void configure(StreamExecutionEnvironment env, Duration checkpointInterval) {
    if (!checkpointInterval.isZero()) {
      env.enableCheckpointing(checkpointInterval.toMillis());
    }
    env.getConfig().enableObjectReuse();
  }

  /** Runs the job where it is submitted (a cluster via {@code flink run}, or locally), with the simulator as source. */
  public static void main(String[] args) throws Exception {
    JobParameters parameters = JobParameters.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, parameters.checkpointInterval());
    new QuoteIngestionJob(parameters.source(), new JdbcIngestionSinks(parameters.database(), parameters.sinkSettings()))
        .build(env);
    env.execute(JOB_NAME);
  }
}
