package dev.trii.launcher.reports;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.reports.Reports;
import dev.trii.launcher.local.LocalStack;
import java.time.LocalDate;
import java.util.function.Function;
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

  /** Runs {@code work} on the configured platform's reports (database migrated, object storage reachable). */
  static <T> T withReports(Function<Reports, T> work) {
    try (LocalStack stack = LocalStack.start(TriiConfig.load())) {
      return work.apply(new Reports(stack.platform().database().dataSource(), stack.platform().artifacts()));
    }
  }

  /** A date the user gave, or a one-line error naming the option or parameter ({@code DATE}, {@code --from}). */
  static LocalDate parseDate(String name, String value) {
    try {
      return Reports.day(name, value);
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage());
    }
  }
}
