package dev.trii.batch.report;

import dev.trii.batch.report.mail.ReportMail;
import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores each rendered day in object storage and the report index (HTML and PDF; a day written again is replaced),
 * queues it for mail when mail is configured, and keeps the days written in the step's context ({@value #DAYS}) for
 * the job's summary.
 */
class ReportWriter implements ItemWriter<RenderedReport>, StepExecutionListener {

  /** Step (then job) context key: the days written, comma-separated. */
  static final String DAYS = "reportDays";

  private final Reports reports;
  private final Optional<ReportMail> mail;
  private final List<LocalDate> written = new ArrayList<>();
  private StepExecution step;

  ReportWriter(Reports reports, Optional<ReportMail> mail) {
    this.reports = reports;
    this.mail = mail;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    step = stepExecution;
    // a restarted step: the days its failed execution wrote stay in the summary
    for (String day : stepExecution.getExecutionContext().getString(DAYS, "").split(",")) {
      if (!day.isBlank()) {
        written.add(LocalDate.parse(day));
      }
    }
  }

  @Override
  public void write(Chunk<? extends RenderedReport> chunk) {
    for (RenderedReport report : chunk) {
      reports.store(report.date(), Reports.DAILY, ReportFormat.HTML, report.htmlBytes(), report.windowStart(),
          report.windowEnd());
      reports.store(report.date(), Reports.DAILY, ReportFormat.PDF, report.pdf(), report.windowStart(),
          report.windowEnd());
      mail.ifPresent(m -> m.queue(report.date()));
      written.add(report.date());
    }
    step.getExecutionContext().putString(DAYS, written.stream().map(LocalDate::toString)
        .collect(Collectors.joining(",")));
  }
}
