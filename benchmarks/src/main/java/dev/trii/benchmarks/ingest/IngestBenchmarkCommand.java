package dev.trii.benchmarks.ingest;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.ingestion.sink.JdbcSinkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trii bench ingest}: the ingestion benchmark ({@link IngestionBenchmark}) against the configured PostgreSQL
 * server, in a fresh database it creates and drops; prints the machine, then quotes per second end to end, the
 * validation stage alone, the quotes sink alone and a plain COPY of the same rows (the ceiling), and end to end as a
 * share of COPY; {@code --json FILE} also writes them as JSON.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Benchmarks ingestion on this machine: N simulated quotes through the real job into a fresh database;",
        "prints quotes/s end to end, the validation stage alone, the quotes sink alone and COPY of the same rows,",
        "and end to end as a share of COPY (see BENCHMARKS.md)."})
public final class IngestBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--quotes", description = "Quotes to push (default: ${DEFAULT-VALUE}).", defaultValue = "1000000")
  long quotes;

  @Option(names = "--symbols", description = "Symbols in the simulated market (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int symbols;

  @Option(names = "--parallelism", description = "Parallelism of the per-symbol checks, bars and sinks (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "2")
  int parallelism;

  @Option(names = "--batch-size", description = "Rows per sink batch (default: ${DEFAULT-VALUE}).",
      defaultValue = "5000")
  int batchSize;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      description = "Checkpoint interval (default: ${DEFAULT-VALUE}, the cluster default).", defaultValue = "10s")
  String checkpointInterval;

  @Option(names = "--rounds", description = "End-to-end runs, each followed by a COPY of its rows; the figures are "
      + "medians (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int rounds;

  @Option(names = "--no-warm-up", description = "Skip the warm-up job (figures of a cold JVM).")
  boolean noWarmUp;

  @Option(names = "--keep-database", description = "Keep the benchmark's database instead of dropping it.")
  boolean keepDatabase;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE (end-to-end "
      + "quotes/s, COPY rows/s, their ratio, the machine).")
  Path json;

  @Override
  public Integer call() throws Exception {
    IngestionBenchmark.Settings settings;
    try {
      Duration interval = checkpointInterval.equals("0") ? Duration.ZERO : TimeUtils.parseDuration(checkpointInterval);
      settings = new IngestionBenchmark.Settings(quotes, symbols, parallelism,
          new JdbcSinkSettings(batchSize, JdbcSinkSettings.DEFAULTS.flushInterval(),
              JdbcSinkSettings.DEFAULTS.maxRetries()), interval, !noWarmUp, keepDatabase, rounds);
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage(), e);
    }
    try (Database server = Database.open(TriiConfig.load())) {
      IngestionBenchmark benchmark = new IngestionBenchmark(settings, System.out);
      IngestionBenchmark.Figures figures = benchmark.run(server.coordinates());
      if (json != null) {
        benchmark.writeJson(figures, json);
        System.out.println("figures written to " + json.toAbsolutePath());
      }
      return figures.quotes() > 0 ? 0 : 1;
    }
  }
}
