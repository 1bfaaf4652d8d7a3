package dev.trii.benchmarks.scoring;

import dev.trii.core.config.TriiConfig;
import dev.trii.launcher.JsonFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code trii bench scoring}: the scoring API's throughput and latency over HTTP; see {@link ScoringBenchmark}. */
@Command(
    name = "scoring",
    description = {
        "The scoring API over HTTP on a fresh database: saturation throughput and latency of POST /v1/predict next to",
        "GET /health at each connection count, p99 at half the saturation rate (open loop), and the in-process score."})
public final class ScoringBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--trees", description = "Boosting rounds of the model (default: ${DEFAULT-VALUE}).",
      defaultValue = "300")
  int trees;

  @Option(names = "--depth", description = "max_depth of the model (default: ${DEFAULT-VALUE}).", defaultValue = "6")
  int depth;

  @Option(names = "--connections", split = ",", description = "Connection counts (default: ${DEFAULT-VALUE}).",
      defaultValue = "1,2,4,8,16")
  List<Integer> connections;

  @Option(names = "--saturation-connections", description = "The connection count whose predict rate is the "
      + "saturation rate, and the open loop's (default: ${DEFAULT-VALUE}).", defaultValue = "8")
  int saturationConnections;

  @Option(names = "--seconds", description = "Timed seconds per loop (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int seconds;

  @Option(names = "--rounds", description = "Rounds of each loop, predict and /health in turn (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "3")
  int rounds;

  @Option(names = "--warmup", description = "Warm-up seconds on each endpoint before measuring (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "15")
  int warmup;

  @Option(names = "--log-sample", description = "Prediction log sampling during the run, 0..1 (default: "
      + "${DEFAULT-VALUE}, the platform's default).", defaultValue = "1.0")
  double logSample;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--keep-database", description = "Keep the benchmark database instead of dropping it.")
  boolean keepDatabase;

  @Override
  public Integer call() {
    if (trees < 1 || depth < 1 || seconds < 1 || rounds < 1 || warmup < 0 || logSample < 0 || logSample > 1
        || connections.isEmpty() || connections.stream().anyMatch(c -> c < 1 || c > 256)
        || !connections.contains(saturationConnections)) {
      throw new ParameterException(new CommandLine(this), "--trees, --depth, --seconds, --rounds >= 1, --warmup >= 0, "
          + "--log-sample in 0..1, --connections in 1..256, --saturation-connections one of --connections");
    }
    Map<String, Object> figures = new ScoringBenchmark(TriiConfig.load(), new ScoringBenchmark.Plan(trees, depth,
        connections, saturationConnections, seconds, rounds, warmup, logSample, keepDatabase), System.out).run();
    JsonFiles.writeFigures(json, figures, "scoring benchmark figures");
    return 0;
  }
}
