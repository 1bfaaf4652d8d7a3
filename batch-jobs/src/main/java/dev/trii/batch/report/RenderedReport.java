package dev.trii.batch.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One trading day's report in both formats, ready to store.
 *
 * @param windowStart start of the market data it covers
 * @param windowEnd end of the market data it covers
 */
record RenderedReport(LocalDate date, String html, byte[] pdf, Instant windowStart, Instant windowEnd) {

  /** Renders the day's report: the HTML, and the PDF from that same HTML. */
  static RenderedReport of(DailyReport report, ReportRenderer renderer) {
    String html = renderer.html(report);
    return new RenderedReport(report.date(), html, renderer.pdf(html), report.windowStart(), report.windowEnd());
  }

  byte[] htmlBytes() {
    return html.getBytes(StandardCharsets.UTF_8);
  }
}
