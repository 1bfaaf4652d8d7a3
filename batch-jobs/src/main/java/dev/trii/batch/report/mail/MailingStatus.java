package dev.trii.batch.report.mail;

/** Where a mailing of the outbox stands. */
public enum MailingStatus {
  /** Not sent yet: due at its next attempt. */
  PENDING,
  /** Accepted by the SMTP server for every recipient. */
  SENT,
  /** Given up after the last attempt failed; the report stays in object storage. */
  FAILED
}
