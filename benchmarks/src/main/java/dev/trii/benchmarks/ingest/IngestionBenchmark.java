package dev.trii.benchmarks.ingest;

import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.DatabaseCoordinates;
import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.Quote;
import dev.trii.ingestion.IngestionResult;
import dev.trii.ingestion.IngestionRunner;
import dev.trii.ingestion.LocalRun;
import dev.trii.ingestion.sink.CopyBatches;
import dev.trii.ingestion.sink.DiscardingIngestionSinks;
import dev.trii.ingestion.sink.JdbcSinkSettings;
import dev.trii.ingestion.source.MarketSimulator;
import dev.trii.ingestion.source.RawRecord;
import dev.trii.ingestion.source.SimulatorSpec;
import dev.trii.ingestion.validation.EventTimeRules;
import dev.trii.ingestion.validation.IngestionRules;
import dev.trii.ingestion.validation.QuoteValidator;
import dev.trii.launcher.JsonFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The ingestion benchmark: pushes {@code quotes} simulated quotes (default fault mix) through the real job into a
 * fresh PostgreSQL database created for the run (and dropped after it), and prints, with a description of the
 * machine:
 *
 * <ol>
 *   <li>the simulator alone (records generated per second in one thread: the source's ceiling);
 *   <li>the validation logic alone: parse, record rules and event-time rules in one thread, without Flink;
 *   <li>the validation stage alone: the same job with discarding sinks (source → record rules → per-symbol checks →
 *       bars), quotes per second;
 *   <li>end to end: the job into PostgreSQL (quotes by binary {@code COPY} into the indexed
 *       {@code quotes} table, rejects, bars, events), quotes per second of job runtime and of wall-clock time
 *       including the local cluster's start;
 *   <li>the database side alone: the very rows the job stored, written again into the emptied table by the quotes
 *       sink's own batches ({@link CopyBatches}) from as many connections as the job has, without Flink;
 *   <li>the ceiling: a plain binary {@code COPY} of the same rows into the same (emptied) table, one statement.
 * </ol>
 *
 * <p>The figure that matters is end to end as a share of the {@code COPY} ceiling, both measured in the same run on the
 * same server (a ratio, unlike a rate, carries over between machines).
 *
 * <p>Warm-up jobs run first (a quarter of the market, with discarding sinks and into the database, which is then
 * emptied), so that the figures are of a warm JVM, as on a long-running cluster.
 */
public final class IngestionBenchmark {

  /** Settings of one benchmark run. */
  /**
   * @param rounds end-to-end runs, each followed at once by the COPY of its rows: the ratio of each pair is taken on
   *     the same disk at the same time (a shared machine's disk speed drifts over minutes), and the median reported
   */
  public record Settings(long quotes, int symbols, int parallelism, JdbcSinkSettings sinkSettings,
      Duration checkpointInterval, boolean warmUp, boolean keepDatabase, int rounds) {

    public Settings {
      if (quotes < 10_000) {
        throw new IllegalArgumentException("quotes must be at least 10,000, got " + quotes);
      }
      if (symbols < 1 || symbols > 500) {
        throw new IllegalArgumentException("symbols must be in [1, 500], got " + symbols);
      }
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
      }
      Objects.requireNonNull(sinkSettings, "sinkSettings");
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      if (rounds < 1 || rounds > 20) {
        throw new IllegalArgumentException("rounds must be in [1, 20], got " + rounds);
      }
    }

    public static Settings defaults() {
      return new Settings(1_000_000, 10, IngestionRunner.LOCAL_PARALLELISM, JdbcSinkSettings.DEFAULTS,
          Duration.ofSeconds(10), true, false, 3);
    }
  }

  /** One round: the job end to end into the emptied tables, then a COPY of the rows it stored. */
  public record Round(double endToEndPerSecond, double endToEndWallPerSecond, double copyPerSecond) {

    public double ratio() {
      return endToEndPerSecond / copyPerSecond;
    }
  }

  /**
   * The figures of one run; end to end, COPY and their ratio are medians over the rounds (the ratio the median of the
   * rounds' own ratios).
   */
  public record Figures(long quotes, double simulatorPerSecond, double validationLogicPerSecond,
      double validationPerSecond, List<Round> rounds, double sinkPerSecond, IngestionResult endToEnd) {

    public double endToEndPerSecond() {
      return median(rounds.stream().mapToDouble(Round::endToEndPerSecond).toArray());
    }

    public double endToEndWallPerSecond() {
      return median(rounds.stream().mapToDouble(Round::endToEndWallPerSecond).toArray());
    }

    public double copyPerSecond() {
      return median(rounds.stream().mapToDouble(Round::copyPerSecond).toArray());
    }

    /** End to end as a share of the COPY ceiling: the median of the rounds' ratios. */
    public double ratioToCopy() {
      return median(rounds.stream().mapToDouble(Round::ratio).toArray());
    }

    private static double median(double[] values) {
      double[] sorted = values.clone();
      java.util.Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  /** The share of the COPY ceiling end to end must reach. */
  public static final double TARGET_RATIO = 0.5;

  private final Settings settings;
  private final PrintStream out;

  public IngestionBenchmark(Settings settings, PrintStream out) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** The simulated market: {@code symbols} symbols over one trading day, enough quotes per minute. */
  public SimulatorSpec market() {
    long perMinute = settings.symbols() * (long) InstrumentReference.builtIn().calendar("AAPL").regularMinutes();
    int quotesPerMinute = (int) Math.min(6_000, (settings.quotes() + perMinute - 1) / perMinute);
    List<String> symbols = new ArrayList<>();
    for (int i = 0; i < settings.symbols(); i++) {
      symbols.add(i < SYMBOLS.size() ? SYMBOLS.get(i) : "SYM" + i);
    }
    int days = (int) Math.max(1, (settings.quotes() + perMinute * quotesPerMinute - 1) / (perMinute * quotesPerMinute));
    return SimulatorSpec.defaults(symbols, LocalDate.of(2024, 3, 4), days).withQuotesPerMinute(quotesPerMinute);
  }

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "JPM", "GOOGL", "META", "TSLA",
      "BRK.B", "XOM", "UNH", "V", "JNJ", "WMT", "PG", "MA", "HD", "CVX", "KO", "PEP");

  /**
   * Runs the benchmark against the PostgreSQL server of {@code server} (its user must be allowed to create
   * databases).
   */
  public Figures run(DatabaseCoordinates server) throws SQLException, IOException {
    SimulatorSpec market = market();
    DatabaseCoordinates bench = createDatabase(server);
    try {
      printMachine(bench);
      out.printf(Locale.ROOT, "market: %s%n", market.describe());
      out.printf(Locale.ROOT, "job: parallelism %d (source 1), sink batches of %,d rows / %d ms, checkpoints every "
              + "%s%n%n", settings.parallelism(), settings.sinkSettings().batchSize(),
          settings.sinkSettings().flushInterval().toMillis(), settings.checkpointInterval());

      double simulator = simulatorAlone(market);
      double validationLogic = validationLogicAlone(market);
      if (settings.warmUp()) {
        SimulatorSpec warmUp = market.withSeed(7).withQuotesPerMinute(Math.max(1, market.quotesPerMinute() / 4));
        out.println("warm-up (the JIT compiler needs a few hundred thousand records): the job over a quarter of the "
            + "market, with discarding sinks, then into the database, which is emptied afterwards ...");
        runJob(warmUp, null);
        runJob(warmUp, bench);
        emptyTables(bench);
      }
      IngestionRunner.Execution validation = runJob(market, null);
      double validationRate = perSecond(validation.result().read(), validation.jobRuntime());
      List<Round> rounds = new ArrayList<>();
      IngestionRunner.Execution endToEnd = null;
      for (int round = 1; round <= settings.rounds(); round++) {
        emptyTables(bench);
        out.printf(Locale.ROOT, "round %d of %d: end to end, then COPY of the same rows%n", round, settings.rounds());
        endToEnd = runJob(market, bench);
        double copy = copyCeiling(bench);
        rounds.add(new Round(perSecond(endToEnd.result().read(), endToEnd.jobRuntime()),
            perSecond(endToEnd.result().read(), endToEnd.result().took()), copy));
        out.printf(Locale.ROOT, "  round %d: end to end / COPY = %.2f%n%n", round, rounds.get(round - 1).ratio());
      }
      double sink = sinkAlone(bench);

      Figures figures = new Figures(endToEnd.result().read(), simulator, validationLogic, validationRate, rounds,
          sink, endToEnd.result());
      print(figures, validation, endToEnd);
      return figures;
    } finally {
      if (!settings.keepDatabase()) {
        dropDatabase(server, bench);
      } else {
        out.println("kept database " + bench.url());
      }
    }
  }

  private double simulatorAlone(SimulatorSpec market) {
    MarketSimulator simulator = new MarketSimulator(market);
    long n = Math.min(simulator.totalRecords(), 2_000_000);
    long bytes = 0;
    for (long i = 0; i < Math.min(n, 200_000); i++) {
      bytes += simulator.record(i).payload().length(); // warm up
    }
    simulator = new MarketSimulator(market);
    long started = System.nanoTime();
    for (long i = 0; i < n; i++) {
      bytes += simulator.record(i).payload().length();
    }
    double rate = n * 1e9 / (System.nanoTime() - started);
    out.printf(Locale.ROOT, "simulator alone: %,.0f records/s (%,d records, one thread; %d bytes/record)%n", rate, n,
        bytes / (n + Math.min(n, 200_000)));
    return rate;
  }

  /** The record-level validation (parse, record rules, event-time rules) in one thread, without Flink. */
  private double validationLogicAlone(SimulatorSpec market) {
    MarketSimulator simulator = new MarketSimulator(market);
    int n = (int) Math.min(simulator.totalRecords(), 250_000);
    RawRecord[] records = new RawRecord[n];
    for (int i = 0; i < n; i++) {
      records[i] = simulator.record(i).toRaw();
    }
    QuoteValidator validator = QuoteValidator.of(IngestionRules.defaults());
    EventTimeRules time = new EventTimeRules(IngestionRules.defaults());
    long accepted = 0;
    long started = 0;
    int rounds = 6;
    for (int round = 0; round < rounds; round++) {
      if (round == 2) {
        started = System.nanoTime(); // two rounds to warm up
      }
      long streamTime = Long.MIN_VALUE;
      for (RawRecord record : records) {
        if (validator.validate(record) instanceof QuoteValidator.Accepted ok
            && time.checkWallClock(ok.quote().eventTime(), System.currentTimeMillis()) == null
            && (streamTime == Long.MIN_VALUE
                || time.check(ok.quote().symbol(), ok.quote().eventTime(), streamTime) == null)) {
          streamTime = Math.max(streamTime, ok.quote().eventTime());
          accepted++;
        }
      }
    }
    double rate = (double) n * (rounds - 2) * 1e9 / (System.nanoTime() - started);
    out.printf(Locale.ROOT, "validation logic alone: %,.0f records/s (parse + record rules + event-time rules, one "
        + "thread, no Flink; %,d records x %d)%n", rate, n, rounds - 2);
    return accepted > 0 ? rate : 0;
  }

  /** Runs the job into the database, or, when {@code db} is null, with discarding sinks. */
  private IngestionRunner.Execution runJob(SimulatorSpec market, DatabaseCoordinates db) {
    LocalRun run = LocalRun.simulator(market)
        .withParallelism(settings.parallelism())
        .withSinkSettings(settings.sinkSettings())
        .withCheckpointInterval(settings.checkpointInterval());
    if (db == null) {
      run = run.withSinks(new DiscardingIngestionSinks());
    }
    IngestionRunner.Execution execution = IngestionRunner.execute(run, db, line -> {
      if (!line.startsWith("…")) {
        out.println("  " + line);
      }
    });
    out.printf(Locale.ROOT, "  %s: job runtime %.2f s, wall %.2f s%n%n", db == null ? "discarding sinks" : "into "
        + db.url(), execution.jobRuntime().toMillis() / 1000.0, execution.result().took().toMillis() / 1000.0);
    return execution;
  }

  private static void emptyTables(DatabaseCoordinates db) throws SQLException {
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute("truncate quotes, quote_rejects, bars_1m, ingestion_events");
      statement.execute("vacuum analyze quotes");
    }
  }

  /**
   * The stored quotes written again into the emptied table by the quotes sink's own batches ({@link CopyBatches}:
   * binary {@code COPY}, a replayed batch through the staging table and merge), from {@code parallelism} threads
   * with a connection each,
   * without Flink: the database side of the real path.
   */
  private double sinkAlone(DatabaseCoordinates db) throws SQLException {
    List<Quote> quotes = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.setFetchSize(10_000);
      connection.setAutoCommit(false);
      try (ResultSet rows = statement.executeQuery("select symbol, (extract(epoch from event_time) * 1000)::int8, "
          + "seq, bid, ask, bid_size, ask_size, last, volume, locked, source, contributor from quotes")) {
        while (rows.next()) {
          double last = rows.getDouble(8);
          boolean noTrade = rows.wasNull();
          quotes.add(new Quote(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getDouble(4),
              rows.getDouble(5), rows.getBigDecimal(6), rows.getBigDecimal(7), noTrade ? Double.NaN : last,
              rows.getBigDecimal(9), rows.getBoolean(10), rows.getString(11), rows.getString(12)));
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      statement.execute("truncate quotes");
    }
    int threads = settings.parallelism();
    List<Thread> writers = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int part = t;
      Thread writer = new Thread(() -> {
        try (CopyBatches<Quote> batches = CopyBatches.quotes(db, settings.sinkSettings())) {
          for (Quote quote : quotes) {
            if (Math.floorMod(quote.symbol().hashCode(), threads) == part) {
              batches.add(quote);
            }
          }
          batches.flush();
        } catch (IOException e) {
          failures.add(e);
        }
      }, "sink-" + t);
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("the quotes sink failed: " + failures.get(0).getMessage(), failures.get(0));
    }
    double rate = quotes.size() / seconds;
    out.printf(Locale.ROOT, "quotes sink alone: %,d rows by binary COPY, %d connections, batches of %,d, "
        + "no Flink, in %.2f s: %,.0f rows/s%n%n", quotes.size(), threads, settings.sinkSettings().batchSize(),
        seconds, rate);
    return rate;
  }

  /**
   * A plain COPY of the stored quotes back into the emptied table, in PostgreSQL's binary format (the faster one) and
   * one statement: rows per second, the ceiling.
   */
  private double copyCeiling(DatabaseCoordinates db) throws SQLException, IOException {
    try (Connection connection = db.connect()) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      String columns = "symbol, event_time, seq, bid, ask, bid_size, ask_size, last, volume, locked, source, "
          + "contributor";
      ByteArrayOutputStream exported = new ByteArrayOutputStream(64 << 20);
      long rows = copy.copyOut("copy (select " + columns + " from quotes) to stdout (format binary)", exported);
      byte[] data = exported.toByteArray();
      try (Statement statement = connection.createStatement()) {
        statement.execute("truncate quotes");
      }
      long started = System.nanoTime();
      long copied = copy.copyIn("copy quotes (" + columns + ") from stdin (format binary)",
          new ByteArrayInputStream(data));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (copied != rows) {
        throw new IllegalStateException("COPY wrote " + copied + " rows, expected " + rows);
      }
      double rate = copied / seconds;
      out.printf(Locale.ROOT, "COPY ceiling: %,d rows (%.1f MB, binary) into the same indexed quotes table in %.2f s: "
          + "%,.0f rows/s%n%n", copied, data.length / 1e6, seconds, rate);
      return rate;
    }
  }

  private void print(Figures figures, IngestionRunner.Execution validation, IngestionRunner.Execution endToEnd) {
    IngestionResult result = endToEnd.result();
    out.println("== ingestion benchmark ==");
    out.printf(Locale.ROOT, "quotes pushed                  %,14d  (valid %,d, rejected %,d, bars %,d)%n",
        result.read(), result.valid(), result.rejectedTotal(), result.bars());
    out.printf(Locale.ROOT, "simulator alone                %,14.0f  records/s%n", figures.simulatorPerSecond());
    out.printf(Locale.ROOT, "validation logic, one thread   %,14.0f  records/s (parse + rules, no Flink)%n",
        figures.validationLogicPerSecond());
    out.printf(Locale.ROOT, "validation stage alone         %,14.0f  quotes/s  (the job with discarding sinks)%n",
        figures.validationPerSecond());
    out.printf(Locale.ROOT, "end to end into PostgreSQL     %,14.0f  quotes/s  (median of %d rounds)%n",
        figures.endToEndPerSecond(), figures.rounds().size());
    out.printf(Locale.ROOT, "  incl. local cluster start    %,14.0f  quotes/s%n", figures.endToEndWallPerSecond());
    out.printf(Locale.ROOT, "quotes sink, same rows         %,14.0f  rows/s    (binary COPY batches, %d connections, "
        + "no Flink)%n", figures.sinkPerSecond(), settings.parallelism());
    out.printf(Locale.ROOT, "COPY of the same rows          %,14.0f  rows/s    (the ceiling, median)%n",
        figures.copyPerSecond());
    out.printf(Locale.ROOT, "end to end / COPY              %14.2f  (median of the rounds' ratios %s; target >= %.1f: "
        + "%s)%n", figures.ratioToCopy(), figures.rounds().stream().map(r -> String.format(Locale.ROOT, "%.2f",
        r.ratio())).toList(), TARGET_RATIO, figures.ratioToCopy() >= TARGET_RATIO ? "met" : "NOT met");
  }

  private final Map<String, Object> machine = new LinkedHashMap<>();

  private void printMachine(DatabaseCoordinates db) throws SQLException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    out.println("== machine ==");
    out.printf(Locale.ROOT, "cpu         %s, %d cores available to the JVM%n", cpuModel(),
        Runtime.getRuntime().availableProcessors());
    machine.put("cpu", cpuModel());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (double) (1L << 30) * 10) / 10.0);
    machine.put("java", System.getProperty("java.runtime.version"));
    machine.put("flink", EnvironmentInformation.getVersion());
    machine.put("load_average", os.getSystemLoadAverage());
    out.printf(Locale.ROOT, "memory      %.1f GiB physical, JVM max heap %.1f GiB%n",
        os.getTotalMemorySize() / (double) (1L << 30), Runtime.getRuntime().maxMemory() / (double) (1L << 30));
    out.printf(Locale.ROOT, "os          %s %s (%s)%n", System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("os.arch"));
    out.printf(Locale.ROOT, "java        %s %s (%s)%n", System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), System.getProperty("java.vendor"));
    out.printf(Locale.ROOT, "flink       %s (local MiniCluster)%n", EnvironmentInformation.getVersion());
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      String storage = value(statement, "select case when exists (select 1 from pg_extension "
          + "where extname = 'timescaledb') then 'TimescaleDB hypertables' else 'plain tables' end");
      String version = value(statement, "show server_version");
      out.printf(Locale.ROOT, "postgresql  %s at %s (shared_buffers %s, synchronous_commit %s, %s)%n",
          version, db.url().replaceAll("/[^/?]*(\\?.*)?$", ""),
          value(statement, "show shared_buffers"), value(statement, "show synchronous_commit"), storage);
      machine.put("postgresql", version);
      machine.put("quotes_table", storage);
    }
    out.printf(Locale.ROOT, "load        %.2f (1-minute load average when starting)%n%n",
        os.getSystemLoadAverage());
  }

  /** Writes the figures, the settings and the machine as JSON. */
  public void writeJson(Figures figures, Path file) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("benchmark", "trii bench ingest");
    document.put("machine", machine);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("quotes", figures.quotes());
    run.put("symbols", settings.symbols());
    run.put("parallelism", settings.parallelism());
    run.put("batch_size", settings.sinkSettings().batchSize());
    run.put("checkpoint_interval_ms", settings.checkpointInterval().toMillis());
    run.put("rounds", settings.rounds());
    document.put("settings", run);
    Map<String, Object> rates = new LinkedHashMap<>();
    rates.put("end_to_end_quotes_per_second", Math.round(figures.endToEndPerSecond()));
    rates.put("copy_rows_per_second", Math.round(figures.copyPerSecond()));
    rates.put("ratio_end_to_end_to_copy", Math.round(figures.ratioToCopy() * 1000) / 1000.0);
    rates.put("target_ratio", TARGET_RATIO);
    rates.put("target_met", figures.ratioToCopy() >= TARGET_RATIO);
    rates.put("end_to_end_wall_quotes_per_second", Math.round(figures.endToEndWallPerSecond()));
    rates.put("quotes_sink_rows_per_second", Math.round(figures.sinkPerSecond()));
    rates.put("validation_stage_quotes_per_second", Math.round(figures.validationPerSecond()));
    rates.put("validation_logic_records_per_second", Math.round(figures.validationLogicPerSecond()));
    rates.put("simulator_records_per_second", Math.round(figures.simulatorPerSecond()));
    document.put("figures", rates);
    document.put("rounds", figures.rounds().stream().map(round -> Map.of(
        "end_to_end_quotes_per_second", Math.round(round.endToEndPerSecond()),
        "copy_rows_per_second", Math.round(round.copyPerSecond()),
        "ratio", Math.round(round.ratio() * 1000) / 1000.0)).toList());
    document.put("valid", figures.endToEnd().valid());
    document.put("rejected", figures.endToEnd().rejectedTotal());
    JsonFiles.write(file, document, "the figures");
  }

  private static String value(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static double perSecond(long count, Duration duration) {
    return duration.isZero() ? 0 : count * 1e9 / duration.toNanos();
  }

  private DatabaseCoordinates createDatabase(DatabaseCoordinates server) throws SQLException {
    String name = "trii_bench_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new TriiException("the benchmark needs a fresh database and could not create one on " + server.url()
          + " (the user needs CREATEDB): " + e.getMessage(), e);
    }
    DatabaseCoordinates bench = server.withDatabase(name);
    try (Database database = Database.connect(bench, 2)) {
      database.migrate();
    }
    out.println("fresh database " + bench.url() + " (migrated; dropped at the end)");
    return bench;
  }

  /** Drops the benchmark's database; retried for a while, since autovacuum may still hold it (FORCE cannot end it). */
  private void dropDatabase(DatabaseCoordinates server, DatabaseCoordinates bench) {
    String name = bench.url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + name + " with (force)");
        return;
      } catch (SQLException e) {
        if (attempt == 10) {
          out.println("could not drop " + name + ": " + e.getMessage());
          return;
        }
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

}
