package dev.trii.launcher;

import dev.trii.launcher.demo.DemoCommand;
import picocli.CommandLine.Command;

/** The {@code trii} command and its subcommands. */
@Command(
    name = "trii",
    mixinStandardHelpOptions = true,
    version = "TRII Data Platform 0.1.0",
    description = "Runs the TRII data platform on this machine.",
    footer = {"", "Benchmarks: trii bench ingest|train|scheduler|predictor|scoring|micro",
        "  (the benchmarks module, kept out of the platform's jars; see BENCHMARKS.md)"},
    subcommands = {DemoCommand.class, ConfigCommand.class, dev.trii.launcher.train.TrainCommand.class,
        dev.trii.launcher.models.ModelsCommand.class, dev.trii.launcher.ingest.IngestCommand.class,
        dev.trii.launcher.db.DbCommand.class, dev.trii.launcher.jobs.JobsCommand.class,
        dev.trii.launcher.apikeys.ApiKeysCommand.class, dev.trii.launcher.reports.ReportsCommand.class})
public final class TriiCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
