package dev.trii.batch.report;

import dev.trii.batch.report.mail.ReportMail;
import java.util.Optional;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The report job's last step: sends the mailings that are due (those just queued and earlier ones waiting for a
 * retry) and sums up the run. A mail that cannot be sent never fails the job: it is recorded and retried on a later
 * run.
 */
final class MailReports implements Tasklet {

  private final Optional<ReportMail> mail;

  MailReports(Optional<ReportMail> mail) {
    this.mail = mail;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
    Object days = chunk.getStepContext().getJobExecutionContext().get(ReportWriter.DAYS);
    String written = days == null || days.toString().isBlank() ? "no trading day with bars to report"
        : "daily reports written for " + days;
    String mailed = mail.map(m -> m.sendDue().describe())
        .orElse("report mail off (TRII_SMTP_HOST or TRII_REPORT_MAIL_TO unset)");
    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(written + "; " + mailed));
    return RepeatStatus.FINISHED;
  }
}
