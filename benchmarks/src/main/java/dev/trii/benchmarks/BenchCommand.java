package dev.trii.benchmarks;

import dev.trii.benchmarks.ingest.IngestBenchmarkCommand;
import dev.trii.benchmarks.micro.MicroBenchmarkCommand;
import dev.trii.benchmarks.predictor.PredictorBenchmarkCommand;
import dev.trii.benchmarks.scheduler.SchedulerBenchmarkCommand;
import dev.trii.benchmarks.scoring.ScoringBenchmarkCommand;
import dev.trii.benchmarks.training.TrainingBenchmarkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trii bench}: the platform's benchmark harnesses, one subcommand each (figures go in BENCHMARKS.md). */
@Command(
    name = "trii bench",
    mixinStandardHelpOptions = true,
    version = "TRII Data Platform 0.1.0",
    description = "Benchmarks of the platform on this machine (see BENCHMARKS.md).",
    subcommands = {IngestBenchmarkCommand.class, TrainingBenchmarkCommand.class, SchedulerBenchmarkCommand.class,
        PredictorBenchmarkCommand.class, ScoringBenchmarkCommand.class, MicroBenchmarkCommand.class})
public final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
