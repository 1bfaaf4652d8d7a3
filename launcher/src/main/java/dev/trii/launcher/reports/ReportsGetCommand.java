package dev.trii.launcher.reports;

import dev.trii.core.config.TriiException;
import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trii reports get DATE [--format html|pdf] [-o FILE]}: downloads a day's report, checked against its index. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Write a day's report to a file (checked against the checksum it was indexed with).")
final class ReportsGetCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATE", description = "The trading day, e.g. 2026-12-04.")
  String date;

  @Option(names = "--format", paramLabel = "html|pdf", defaultValue = "pdf",
      description = "Which file (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write it (default: trii-daily-DATE.FORMAT in the current directory).")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LocalDate day = ReportsCommand.parseDate("DATE", date);
    ReportFormat chosen = parseFormat(format);
    Path target = output != null ? output : Path.of("trii-daily-" + day + "." + chosen.extension());
    StoredReport report = ReportsCommand.withReports(reports -> {
      StoredReport found = reports.find(day, Reports.DAILY, chosen).orElseThrow(() -> new TriiException(
          "no " + chosen.extension() + " report for " + day + ": ./trii reports list shows the days there are"));
      write(target, reports.read(found));
      return found;
    });
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s (%,d bytes, sha256 %s)%n", target.toAbsolutePath(), report.sizeBytes(), report.sha256());
    out.flush();
    return 0;
  }

  private static ReportFormat parseFormat(String value) {
    try {
      return ReportFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TriiException(e.getMessage());
    }
  }

  private static void write(Path target, byte[] content) {
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target, e);
    }
  }
}
