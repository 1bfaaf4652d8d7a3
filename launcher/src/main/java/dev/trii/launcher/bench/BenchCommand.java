package dev.trii.launcher.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trii bench}: the platform's benchmark harnesses, one subcommand each (figures go in BENCHMARKS.md). */
@Command(
    name = "bench",
    description = "Benchmarks of the platform on this machine (see BENCHMARKS.md).",
    subcommands = {IngestBenchmarkCommand.class, TrainingBenchmarkCommand.class, SchedulerBenchmarkCommand.class,
        PredictorBenchmarkCommand.class, ScoringBenchmarkCommand.class})
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
