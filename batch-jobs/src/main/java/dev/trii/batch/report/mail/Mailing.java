package dev.trii.batch.report.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of the mailing outbox ({@code report_mailings}): a report to mail and where its delivery stands.
 *
 * @param id the row's id
 * @param reportDate the trading day the report is about
 * @param kind the report ({@code daily})
 * @param recipients the addresses it goes to, as configured when it was queued
 * @param status where it stands
 * @param attempts sends tried since it was (last) queued
 * @param lastError what the last failed attempt said; null when none failed
 * @param nextAttemptAt when it is due; null once it is {@link MailingStatus#SENT} or {@link MailingStatus#FAILED}
 * @param sentAt when the server accepted it; null unless it is {@link MailingStatus#SENT}
 * @param createdAt when the day's report was first queued
 * @param updatedAt when the row last changed
 */
public record Mailing(long id, LocalDate reportDate, String kind, List<String> recipients, MailingStatus status,
    int attempts, String lastError, Instant nextAttemptAt, Instant sentAt, Instant createdAt, Instant updatedAt) {

  public Mailing {
    recipients = List.copyOf(recipients);
  }
}
