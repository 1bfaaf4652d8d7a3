package dev.trii.batch.report;

import dev.trii.batch.support.DataWindow;
import dev.trii.core.reports.Reports;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Which trading days a run of the report job writes: the days named by the job parameters {@value #FROM} and
 * {@value #TO} (a range on demand, both inclusive); else the days after the start of the scheduler's data interval up
 * to its end (a scheduled run reports what its interval brought, weekends of 24×7 markets included); else the latest
 * trading day with bars. Only days with bars are reported.
 */
record ReportDays(LocalDate from, LocalDate to, boolean latestOnly) {

  /** Job parameter: the first trading day to report (ISO date). */
  static final String FROM = "reportFrom";
  /** Job parameter: the last trading day to report (ISO date); {@value #FROM} when absent. */
  static final String TO = "reportTo";

  static ReportDays of(String from, String to, DataWindow window) {
    if (from != null && !from.isBlank()) {
      LocalDate first = Reports.day(FROM, from);
      LocalDate last = to == null || to.isBlank() ? first : Reports.day(TO, to);
      if (last.isBefore(first)) {
        throw new IllegalArgumentException(TO + " " + last + " is before " + FROM + " " + first);
      }
      return new ReportDays(first, last, false);
    }
    if (to != null && !to.isBlank()) {
      throw new IllegalArgumentException("give " + FROM + " with " + TO);
    }
    if (window.isPresent()) {
      return new ReportDays(LocalDate.ofInstant(window.from(), ZoneOffset.UTC).plusDays(1),
          LocalDate.ofInstant(window.to(), ZoneOffset.UTC), false);
    }
    return new ReportDays(null, null, true);
  }

  /** The days with bars among them, in date order. */
  List<LocalDate> resolve(DailyReportBuilder builder) {
    if (latestOnly) {
      return builder.latestTradingDateWithBars().map(List::of).orElse(List.of());
    }
    return builder.tradingDatesWithBars(from, to);
  }

  /** What was asked, for the job's exit description. */
  String describe() {
    return latestOnly ? "the latest trading day with bars" : from.equals(to) ? from.toString() : from + ".." + to;
  }
}
