package dev.trii.launcher.ingest;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.market.RejectReason;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.JobParameters;
import dev.trii.ingestion.LocalRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trii ingest}: runs the real ingestion job (Flink, on a local MiniCluster) over a CSV file, a Kafka topic or
 * the simulated market into the configured database, then prints what it did: records read, valid, rejected by
 * reason, bars written, stale-symbol events. {@code --source file --path F.csv} is how history is backfilled.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Runs the Flink ingestion job locally into the configured database and prints its counts:",
        "read = valid + rejected (by reason), bars written, stale-symbol events.",
        "  trii ingest --source file --path quotes.csv     backfill a CSV file (symbol,ts,bid,ask,bid_size,ask_size",
        "                                                  [,last,volume,seq,source]; ts ISO-8601 or epoch millis)",
        "  trii ingest --source kafka --bootstrap-servers host:9092 --topic quotes [--follow]",
        "  trii ingest --source simulator --days 2          the simulated market",
        "  trii bench ingest [--quotes 1000000]             the ingestion benchmark"})
public final class IngestCommand implements Callable<Integer> {

  @Option(names = "--source", description = "simulator, kafka or file (default: ${DEFAULT-VALUE}).",
      defaultValue = "simulator")
  String source;

  @Option(names = "--path", paramLabel = "FILE", description = "File source: the CSV file to replay.")
  Path path;

  @Option(names = "--replay-speed", paramLabel = "X",
      description = "File source: event time per wall-clock time, e.g. 60 = a minute of quotes per second "
          + "(default: 0, as fast as possible).")
  Double replaySpeed;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka source: the brokers.")
  String bootstrapServers;

  @Option(names = "--topic", description = "Kafka source: topic(s), comma-separated (default: quotes).")
  String topic;

  @Option(names = "--group-id", description = "Kafka source: consumer group (default: trii-ingestion).")
  String groupId;

  @Option(names = "--starting-offsets", description = "Kafka source: committed (default), earliest or latest.")
  String startingOffsets;

  @Option(names = "--follow", description = "Kafka source: keep running (Ctrl-C stops and prints the counts) "
      + "instead of stopping at the offsets that were the latest at start.")
  boolean follow;

  @Option(names = "--symbols", description = "Simulator: symbols (default: TRII_SYMBOLS).")
  String symbols;

  @Option(names = "--start", description = "Simulator: first trading day (default: ${DEFAULT-VALUE}).",
      defaultValue = "2024-01-02")
  LocalDate start;

  @Option(names = "--days", description = "Simulator: trading days (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int days;

  @Option(names = "--quotes-per-minute", description = "Simulator: quotes per symbol and minute (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "60")
  int quotesPerMinute;

  @Option(names = "--seed", description = "Simulator: seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
  long seed;

  @Option(names = "--fault-rate", description = "Simulator: share of faulty records (default: ${DEFAULT-VALUE}).",
      defaultValue = "0.002")
  double faultRate;

  @Option(names = "--imbalance-effect", paramLabel = "E", defaultValue = "1", description = {
      "Simulator: how strongly the book's queue imbalance decides the next mid move, in [0, 1] (default: "
          + "${DEFAULT-VALUE}); 0 makes sizes uninformative and prices a pure random walk: the negative control a "
          + "training gate must refuse."})
  double imbalanceEffect;

  @Option(names = "--rules", paramLabel = "FILE", description = "Validation rules file (keys of "
      + "ingestion-rules.properties; default: the built-in rules).")
  Path rules;

  @Option(names = "--parallelism", description = "Parallelism of the per-symbol checks, bars and sinks "
      + "(default: 2).")
  Integer parallelism;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "e.g. 1s, 500ms (default: 1s).")
  String checkpointInterval;

  @Option(names = "--prometheus-port", paramLabel = "PORT",
      description = "Expose the job's metrics for Prometheus on this port while it runs.")
  String prometheusPort;

  private final PrintStream out;

  public IngestCommand() {
    this(System.out);
  }

  IngestCommand(PrintStream out) {
    this.out = out;
  }

  /** The job's arguments ({@link JobParameters} names) for these options. */
  List<String> jobArguments(TriiConfig config) {
    List<String> args = new ArrayList<>(List.of("--" + JobParameters.SOURCE, source));
    switch (source) {
      case "file" -> {
        if (path == null) {
          throw new TriiException("--path FILE is required with --source file");
        }
        add(args, JobParameters.FILE_PATH, path.toString());
        add(args, JobParameters.FILE_REPLAY_SPEED, replaySpeed);
      }
      case "kafka" -> {
        if (bootstrapServers == null) {
          throw new TriiException("--bootstrap-servers HOST:PORT is required with --source kafka");
        }
        add(args, JobParameters.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        add(args, JobParameters.KAFKA_TOPICS, topic);
        add(args, JobParameters.KAFKA_GROUP_ID, groupId);
        add(args, JobParameters.KAFKA_STARTING_OFFSETS, startingOffsets);
        add(args, JobParameters.KAFKA_BOUNDED, String.valueOf(!follow));
      }
      case "simulator" -> {
        add(args, JobParameters.SYMBOLS, symbols != null ? symbols : String.join(",", config.list(Settings.SYMBOLS)));
        add(args, JobParameters.START_DATE, start.toString());
        add(args, JobParameters.TRADING_DAYS, days);
        add(args, JobParameters.QUOTES_PER_MINUTE, quotesPerMinute);
        add(args, JobParameters.SEED, seed);
        add(args, JobParameters.FAULT_RATE, faultRate);
        add(args, JobParameters.IMBALANCE_EFFECT, imbalanceEffect);
      }
      default -> throw new TriiException("--source must be simulator, kafka or file, got '" + source + "'");
    }
    add(args, JobParameters.RULES, rules == null ? null : rules.toString());
    add(args, JobParameters.INSTRUMENTS, config.optional(Settings.INSTRUMENTS_FILE)
        .map(file -> config.path(Settings.INSTRUMENTS_FILE).toString()).orElse(null));
    add(args, JobParameters.PARALLELISM, parallelism);
    add(args, JobParameters.CHECKPOINT_INTERVAL, checkpointInterval);
    add(args, JobParameters.PROMETHEUS_PORT, prometheusPort);
    return args;
  }

  private static void add(List<String> args, String name, Object value) {
    if (value != null) {
      args.add("--" + name);
      args.add(String.valueOf(value));
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    TriiConfig config = TriiConfig.load();
    LocalRun run;
    try {
      run = JobParameters.fromArgs(jobArguments(config).toArray(new String[0])).localRun();
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage(), e);
    }
    try (Database database = Database.open(config)) {
      database.migrate();
      IngestionResult result;
      if (follow) {
        result = follow(run, database);
      } else {
        result = IngestionRunner.run(run, database.coordinates(), line -> out.println("  " + line));
      }
      print(result);
      return result.read() == result.valid() + result.rejectedTotal() ? 0 : 1;
    }
  }

  /** Runs until Ctrl-C, then cancels the job and returns its counts so far. */
  private IngestionResult follow(LocalRun run, Database database) throws InterruptedException {
    IngestionRunner.Running job = IngestionRunner.start(run, database.coordinates(), line -> out.println("  " + line));
    Thread waiter = Thread.currentThread();
    Thread hook = new Thread(waiter::interrupt, "trii-ingest-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("  following; Ctrl-C stops");
    IngestionResult last = job.current();
    try {
      while (true) {
        Thread.sleep(Duration.ofSeconds(5).toMillis());
        last = job.current();
        out.printf(Locale.ROOT, "  … %,d records: %,d valid, %,d rejected%n", last.read(), last.valid(),
            last.rejectedTotal());
      }
    } catch (InterruptedException stop) {
      job.close();
      return last;
    }
  }

  void print(IngestionResult result) {
    out.printf(Locale.ROOT, "read      %,12d%n", result.read());
    out.printf(Locale.ROOT, "valid     %,12d   (locked markets flagged: %,d)%n", result.valid(), result.locked());
    out.printf(Locale.ROOT, "rejected  %,12d%n", result.rejectedTotal());
    for (Map.Entry<RejectReason, Long> reason : result.rejected().entrySet()) {
      out.printf(Locale.ROOT, "  %-20s %,8d%n", reason.getKey(), reason.getValue());
    }
    out.printf(Locale.ROOT, "bars      %,12d   written (1-minute, per symbol)%n", result.bars());
    out.printf(Locale.ROOT, "stale     %,12d   stale-symbol events%n", result.staleEvents());
    out.printf(Locale.ROOT, "took      %12.1f s (%,.0f records/s)%n", result.took().toMillis() / 1000.0,
        result.recordsPerSecond());
    out.println(result.read() == result.valid() + result.rejectedTotal()
        ? "read = valid + rejected: every record accounted for"
        : "MISMATCH: read " + result.read() + " != valid + rejected " + (result.valid() + result.rejectedTotal()));
  }
}
