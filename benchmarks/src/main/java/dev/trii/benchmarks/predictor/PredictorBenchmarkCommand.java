package dev.trii.benchmarks.predictor;

import dev.trii.launcher.JsonFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trii bench predictor}: single-row scoring latency and throughput in process, XGBoost4J against the Java
 * evaluator; see {@link PredictorBenchmark}.
 */
@Command(
    name = "predictor",
    description = {
        "Model evaluation in process: a representative model (TREES trees of DEPTH over the platform's 19 features)",
        "trained with XGBoost4J and loaded through the scoring API's Predictor (load-time proof included), then",
        "single-row calls timed one by one on 1 and 2 threads: XGBoost4J against the Java trees (p50, p99, calls/s)."})
public final class PredictorBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--trees", description = "Boosting rounds (default: ${DEFAULT-VALUE}).", defaultValue = "300")
  int trees;

  @Option(names = "--depth", description = "max_depth (default: ${DEFAULT-VALUE}).", defaultValue = "6")
  int depth;

  @Option(names = "--training-rows", description = "Rows the model is trained on (default: ${DEFAULT-VALUE}).",
      defaultValue = "50000")
  int trainingRows;

  @Option(names = "--calls", description = "Timed calls per thread and evaluator (default: ${DEFAULT-VALUE}).",
      defaultValue = "100000")
  int calls;

  @Option(names = "--warmup", description = "Untimed calls per thread before them (default: ${DEFAULT-VALUE}).",
      defaultValue = "20000")
  int warmup;

  @Option(names = "--threads", split = ",", description = "Thread counts measured (default: ${DEFAULT-VALUE}).",
      defaultValue = "1,2")
  List<Integer> threads;

  @Option(names = "--seed", description = "Seed of the synthetic rows (default: ${DEFAULT-VALUE}).", defaultValue = "7")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Override
  public Integer call() {
    Map<String, Object> result = new PredictorBenchmark(
        new PredictorBenchmark.Plan(trees, depth, trainingRows, calls, warmup, threads, seed), System.out).run();
    JsonFiles.writeFigures(json, result, "the predictor benchmark figures");
    return 0;
  }
}
