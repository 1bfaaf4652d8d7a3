package dev.trii.launcher.reports;

import dev.trii.batch.BatchRunResult;
import dev.trii.batch.BatchRunner;
import dev.trii.batch.JobNames;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import dev.trii.launcher.local.LocalStack;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trii reports generate [--from DATE] [--to DATE]}: runs the report job in this process for a range of trading
 * days (or the latest one with bars), then prints where each report went.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = {
    "Write the daily report of each trading day with bars from --from to --to (both inclusive), or of the latest "
        + "one when no date is given; a day written again is replaced. Mails them when TRII_SMTP_HOST and "
        + "TRII_REPORT_MAIL_TO are set."})
final class ReportsGenerateCommand implements Callable<Integer> {

  @Option(names = "--from", paramLabel = "DATE", description = "First trading day, e.g. 2026-12-01.")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last trading day (default: --from).")
  String to;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (from != null) {
      parameters.put("reportFrom", ReportsCommand.parseDate("--from", from).toString());
      parameters.put("reportTo", ReportsCommand.parseDate("--to", to == null ? from : to).toString());
    } else if (to != null) {
      throw new TriiException("give --from with --to");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (LocalStack stack = LocalStack.start(TriiConfig.load())) {
      BatchRunResult result = BatchRunner.run(stack.platform(), List.of(JobNames.REPORT), Map.of(), parameters);
      BatchRunResult.JobRun job = result.job(JobNames.REPORT).orElseThrow();
      if (!result.succeeded()) {
        throw new TriiException("the report job ended " + job.status() + ": " + job.exitDescription());
      }
      out.println(job.exitDescription());
      Reports reports = new Reports(stack.platform().database().dataSource(), stack.platform().artifacts());
      List<StoredReport> written = from == null ? latestDay(reports.list())
          : reports.list(LocalDate.parse(parameters.get("reportFrom")), LocalDate.parse(parameters.get("reportTo")));
      for (StoredReport report : written) {
        out.println(report.date() + "  " + reports.uri(report));
      }
    }
    out.flush();
    return 0;
  }

  /** The files of the latest day in the index (the list is the latest day first). */
  private static List<StoredReport> latestDay(List<StoredReport> all) {
    return all.isEmpty() ? all : all.stream().filter(report -> report.date().equals(all.get(0).date())).toList();
  }
}
