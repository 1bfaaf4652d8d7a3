package dev.trii.scheduler.reports;

import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The analysts' reports as the console and its API offer them: the index, latest day first, and each file by its
 * day and name ({@code daily.pdf}, {@code daily.html}), checked against its checksum before it is served.
 */
public final class ReportLibrary {

  private final Reports reports;

  public ReportLibrary(Reports reports) {
    this.reports = reports;
  }

  /**
   * One indexed report file.
   *
   * @param href where the API serves it
   */
  public record Entry(LocalDate date, String kind, String format, String file, long sizeBytes, String sha256,
      Instant windowStart, Instant windowEnd, Instant updatedAt, String href) {

    static Entry of(StoredReport report) {
      String file = report.kind() + "." + report.format().extension();
      return new Entry(report.date(), report.kind(), report.format().extension(), file, report.sizeBytes(),
          report.sha256(), report.windowStart(), report.windowEnd(), report.updatedAt(),
          "/api/reports/" + report.date() + "/" + file);
    }
  }

  /** A report's content, ready to send. */
  public record File(String name, String contentType, byte[] content) {}

  /** Every indexed report file, the latest day first; {@code from} and {@code to} (inclusive) narrow it when given. */
  public List<Entry> list(String from, String to) {
    List<StoredReport> found = from == null && to == null ? reports.list()
        : reports.list(from == null ? LocalDate.MIN : Reports.day("from", from), to == null ? LocalDate.MAX : Reports.day("to", to));
    return found.stream().map(Entry::of).toList();
  }

  /**
   * The file {@code name} ({@code daily.pdf}) of the day {@code date} ({@code 2026-12-04}).
   *
   * @throws IllegalArgumentException for a malformed date or file name
   * @throws UnknownReportException when no such report is indexed
   */
  public File file(String date, String name) {
    LocalDate day = Reports.day("date", date);
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("name the file as <kind>.<format>, e.g. daily.pdf, got '" + name + "'");
    }
    String kind = name.substring(0, dot);
    ReportFormat format = ReportFormat.parse(name.substring(dot + 1));
    StoredReport report = reports.find(day, kind, format).orElseThrow(() -> new UnknownReportException(
        "no " + kind + " " + format.extension() + " report for " + day + " (see /api/reports)"));
    return new File("trii-" + kind + "-" + day + "." + format.extension(), format.contentType(),
        reports.read(report));
  }

  /** No report of that day, kind and format is indexed. */
  public static final class UnknownReportException extends RuntimeException {
    public UnknownReportException(String message) {
      super(message);
    }
  }
}
