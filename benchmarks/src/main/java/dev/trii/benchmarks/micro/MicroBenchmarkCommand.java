package dev.trii.benchmarks.micro;

import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code trii bench micro}: the JMH micro-benchmarks of this module ({@code RowScoringBenchmark},
 * {@code QuoteValidationBenchmark}, {@code PredictBodyBenchmark}), with JMH's own command line: a pattern picks
 * benchmarks, {@code -f}, {@code -wi}, {@code -i}, {@code -t}, {@code -prof gc} and the rest work as in JMH's
 * documentation ({@code trii bench micro -h} lists them). Each benchmark forks its own JVM with this one's options.
 */
@Command(
    name = "micro",
    description = {
        "JMH micro-benchmarks: one row scored (Java trees, XGBoost4J), one quote validated, one predict body read.",
        "Arguments after the options go to JMH as they are, e.g. RowScoring -prof gc, or -h for JMH's options."})
public final class MicroBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--json", paramLabel = "FILE", description = "Also write JMH's results as JSON to FILE.")
  Path json;

  @Option(names = "--list", description = "List the benchmarks and exit.")
  boolean list;

  @Unmatched
  List<String> jmhArguments = new ArrayList<>();

  @Override
  public Integer call() throws RunnerException, IOException {
    List<String> arguments = new ArrayList<>(jmhArguments);
    if (list) {
      arguments.add("-l");
    }
    if (json != null) {
      arguments.addAll(List.of("-rf", "json", "-rff", json.toAbsolutePath().toString()));
    }
    if (!arguments.contains("-foe")) {
      arguments.addAll(List.of("-foe", "true")); // a benchmark that fails fails the command, not just its line
    }
    CommandLineOptions options;
    try {
      options = new CommandLineOptions(arguments.toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      throw new TriiException("JMH refuses the arguments " + arguments + ": " + e.getMessage(), e);
    }
    if (options.shouldHelp()) {
      options.showHelp();
      return 0;
    }
    Runner runner = new Runner(options);
    if (options.shouldList()) {
      runner.list();
      return 0;
    }
    try {
      runner.run();
    } catch (NoBenchmarksException e) {
      throw new TriiException("no benchmark matches " + options.getIncludes() + " (trii bench micro --list names "
          + "them)", e);
    } catch (RunnerException e) {
      // a benchmark failed in its fork (JMH has printed the fork's error above)
      throw new TriiException("JMH: " + e.getMessage() + " (benchmarks " + options.getIncludes()
          + "; trii bench micro --list names them)", e);
    }
    return 0;
  }
}
