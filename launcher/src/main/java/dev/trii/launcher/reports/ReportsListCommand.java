package dev.trii.launcher.reports;

import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code trii reports list}: one line per report, its date first: its files, their sizes, the data window. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the reports, the latest day first: one line per report, its date first.")
final class ReportsListCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<StoredReport> files = ReportsCommand.withReports(Reports::list);
    PrintWriter out = spec.commandLine().getOut();
    if (files.isEmpty()) {
      out.println("no reports yet: ./trii reports generate (or the daily pipeline's report task) writes them");
    }
    Map<String, List<StoredReport>> byReport = files.stream().collect(Collectors.groupingBy(
        file -> file.date() + " " + file.kind(), () -> new TreeMap<String, List<StoredReport>>().descendingMap(),
        Collectors.toList()));
    byReport.forEach((report, formats) -> out.println(line(formats)));
    out.flush();
    return 0;
  }

  /** {@code 2026-12-04  daily  html 48.2 KiB, pdf 212.0 KiB  data 2026-12-04 14:30 .. 21:00 UTC}. */
  private static String line(List<StoredReport> formats) {
    StoredReport first = formats.get(0);
    LocalDate endDay = LocalDate.ofInstant(first.windowEnd(), ZoneOffset.UTC);
    String end = endDay.equals(LocalDate.ofInstant(first.windowStart(), ZoneOffset.UTC))
        ? TIME.format(first.windowEnd()).substring(11) : TIME.format(first.windowEnd());
    return String.format(Locale.ROOT, "%s  %s  %s  data %s .. %s UTC", first.date(), first.kind(),
        formats.stream().map(file -> String.format(Locale.ROOT, "%s %.1f KiB", file.format().extension(),
            file.sizeBytes() / 1024.0)).collect(Collectors.joining(", ")), TIME.format(first.windowStart()), end);
  }
}
