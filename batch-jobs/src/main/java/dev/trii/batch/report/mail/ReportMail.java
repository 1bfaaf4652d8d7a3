package dev.trii.batch.report.mail;

import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import dev.trii.core.reports.StoredReport;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the daily report to the configured recipients, through the outbox: the report job {@link #queue queues}
 * the day it wrote, then {@link #sendDue sends} every mailing that is due. A send that fails never fails the report:
 * it is recorded in the outbox (attempts, error, next attempt) and tried again by a later round, after 1 min, 5 min,
 * 30 min and 2 h, then given up ({@link RetryPolicy#DEFAULT}).
 *
 * <p>The mail is the report's stored HTML as the body (with a short plain-text alternative) and its stored PDF
 * attached, both read from object storage and checked against the report index, so what is mailed is what is
 * stored.
 */
public final class ReportMail {

  private static final Logger log = LoggerFactory.getLogger(ReportMail.class);

  private final MailSettings settings;
  private final ReportMailings mailings;
  private final ReportMailer mailer;
  private final Reports reports;
  private final Clock clock;

  ReportMail(MailSettings settings, ReportMailings mailings, ReportMailer mailer, Reports reports, Clock clock) {
    this.settings = settings;
    this.mailings = mailings;
    this.mailer = mailer;
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * Report mail as configured, or empty when mail is off ({@code TRII_SMTP_HOST} or {@code TRII_REPORT_MAIL_TO}
   * unset).
   *
   * @throws TriiException naming the setting when a mail setting is invalid (an address, the port, ...)
   */
  public static Optional<ReportMail> configured(TriiConfig config, DataSource dataSource, Reports reports,
      Clock clock) {
    return MailSettings.from(config).map(settings -> new ReportMail(settings, new ReportMailings(dataSource, clock),
        new ReportMailer(settings), reports, clock));
  }

  /**
   * Queues the mailing of a day's daily report to the configured recipients, due now. A day mailed before (a rerun)
   * is queued afresh, so the report as it is now is mailed again.
   */
  public Mailing queue(LocalDate day) {
    return mailings.queue(day, Reports.DAILY, settings.recipients());
  }

  /**
   * Sends every mailing that is due now, each at most once. A failed send is recorded (error, attempts, next attempt,
   * or given up after the last) and counted, never thrown; only an outbox that cannot be read or written (the
   * database) throws.
   */
  public MailRound sendDue() {
    int sent = 0;
    int retryLater = 0;
    int failed = 0;
    List<String> errors = new ArrayList<>();
    // one instant for the round: a mailing that fails is due again only after it, so the loop ends
    Instant now = clock.instant();
    while (true) {
      Optional<Mailing> done = mailings.withNextDue(now, this::attempt);
      if (done.isEmpty()) {
        break;
      }
      Mailing mailing = done.get();
      switch (mailing.status()) {
        case SENT -> sent++;
        case PENDING -> retryLater++;
        case FAILED -> failed++;
      }
      if (mailing.status() != MailingStatus.SENT) {
        errors.add(mailing.reportDate() + ": " + mailing.lastError());
      }
    }
    return new MailRound(sent, retryLater, failed, errors);
  }

  /** The mailings changed last, the latest first. */
  public List<Mailing> recent(int limit) {
    return mailings.recent(limit);
  }

  /** The outbox this mail works through. */
  public ReportMailings mailings() {
    return mailings;
  }

  /** Tries to send one mailing and records how it went; returns the mailing as recorded. */
  private Mailing attempt(Mailing mailing) {
    try {
      byte[] html = read(mailing, ReportFormat.HTML);
      byte[] pdf = read(mailing, ReportFormat.PDF);
      mailer.send(mailing.kind(), mailing.reportDate(), mailing.recipients(), html, pdf, clock.instant());
    } catch (RuntimeException e) {
      String error = e.getMessage() == null ? e.toString() : e.getMessage();
      Mailing recorded = mailings.markFailed(mailing, error);
      if (recorded.status() == MailingStatus.FAILED) {
        log.error("gave up mailing the {} report of {} after {} attempts: {}", mailing.kind(), mailing.reportDate(),
            recorded.attempts(), error);
      } else {
        log.warn("mailing the {} report of {} failed (attempt {}), next attempt at {}: {}", mailing.kind(),
            mailing.reportDate(), recorded.attempts(), recorded.nextAttemptAt(), error);
      }
      return recorded;
    }
    Mailing recorded = mailings.markSent(mailing);
    log.info("mailed the {} report of {} to {} recipient(s) through {}", mailing.kind(), mailing.reportDate(),
        mailing.recipients().size(), settings.server());
    return recorded;
  }

  private byte[] read(Mailing mailing, ReportFormat format) {
    StoredReport report = reports.find(mailing.reportDate(), mailing.kind(), format)
        .orElseThrow(() -> new TriiException("the " + mailing.kind() + " report of " + mailing.reportDate()
            + " has no " + format.extension() + " file in the report index"));
    return reports.read(report);
  }
}
