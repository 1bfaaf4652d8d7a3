package dev.trii.launcher.reports;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code trii reports}: the analysts' daily reports (HTML and PDF), written by the report job into object storage
 * and indexed in the database.
 */
@Command(name = "reports", mixinStandardHelpOptions = true,
    description = {"List, download and write the analysts' daily reports (HTML and PDF, one per trading day).",
        "Reports live in object storage under reports/<yyyy>/<mm>/<dd>/daily.{html,pdf}, indexed with their "
            + "checksum, size and data window; the daily pipeline's report task writes the day's."},
    subcommands = {ReportsListCommand.class, ReportsGetCommand.class, ReportsGenerateCommand.class})
public final class ReportsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
