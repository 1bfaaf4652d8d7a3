package dev.trii.benchmarks.training;

import dev.trii.core.config.TriiConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trii bench train}: XGBoost training throughput and the platform's own overhead around it, on a fresh
 * database of synthetic feature rows; see {@link TrainingBenchmark}.
 */
@Command(
    name = "train",
    description = {
        "Training throughput: ROWS labelled feature rows x FEATURES features written to a fresh database, read back",
        "through the platform's loader, turned into XGBoost matrices and trained with the platform's trainer (hist).",
        "Prints the machine, the phases and the overhead (read + assemble + DMatrix) as a share of the whole run."})
public final class TrainingBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--rows", description = "Training rows (validation adds a fifth more; default: ${DEFAULT-VALUE}).",
      defaultValue = "1000000")
  int rows;

  @Option(names = "--features", description = "Features per row (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int features;

  @Option(names = "--rounds", description = "Boosting rounds of the first pass (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int rounds;

  @Option(names = "--device", description = "cpu, cuda or auto (default: ${DEFAULT-VALUE}).", defaultValue = "cpu")
  String device;

  @Option(names = "--nthread", description = "Training threads, 0 = available processors up to 8 (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "0")
  int nthread;

  @Option(names = "--repeat", description = "Timed repetitions of read + train; the median is reported (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "1")
  int repeat;

  @Option(names = "--seed", description = "Seed of the synthetic rows (default: ${DEFAULT-VALUE}).", defaultValue = "7")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--keep-database", description = "Keep the benchmark database instead of dropping it.")
  boolean keepDatabase;

  @Override
  public Integer call() {
    TrainingBenchmark.Plan plan = new TrainingBenchmark.Plan(rows, features, rounds, device, nthread, repeat, seed,
        keepDatabase);
    TrainingBenchmark.Result result = new TrainingBenchmark(TriiConfig.load(), plan, System.out).run();
    if (json != null) {
      result.writeJson(json);
      System.out.println("figures written to " + json.toAbsolutePath());
    }
    return 0;
  }
}
