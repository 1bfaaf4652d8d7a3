package dev.trii.benchmarks.scheduler;

import dev.trii.core.config.TriiConfig;
import dev.trii.launcher.JsonFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code trii bench scheduler}: task hand-off latency and backfill enqueue rate; see {@link SchedulerBenchmark}. */
@Command(
    name = "scheduler",
    description = {
        "The scheduler's own speed on a fresh database: hand-off latency between chained emptyJob tasks (median, p99)",
        "and the queue wait of a run, then the rate at which a backfill queues runs (years of a daily pipeline)."})
public final class SchedulerBenchmarkCommand implements Callable<Integer> {

  @Option(names = "--runs", description = "Runs of the chain (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int runs;

  @Option(names = "--tasks", description = "Tasks in the chain (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int tasks;

  @Option(names = "--backfill-years", description = "Years the backfill covers (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int backfillYears;

  @Option(names = "--repeat", description = "Backfills timed (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int repeat;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--keep-database", description = "Keep the benchmark database instead of dropping it.")
  boolean keepDatabase;

  @Override
  public Integer call() {
    Map<String, Object> figures = new SchedulerBenchmark(TriiConfig.load(),
        new SchedulerBenchmark.Plan(runs, tasks, backfillYears, repeat, keepDatabase), System.out).run();
    JsonFiles.writeFigures(json, figures, "scheduler benchmark figures");
    return 0;
  }
}
