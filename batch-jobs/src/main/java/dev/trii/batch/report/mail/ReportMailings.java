package dev.trii.batch.report.mail;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of report mailings ({@code report_mailings}): one row per report (day and kind) to mail, so that a mail
 * that could not be sent is remembered and tried again later instead of failing the report. Queueing a day again
 * (a rerun) starts its mailing afresh: PENDING, no attempts, due now. A failed attempt is recorded with its error
 * and given the next attempt by the {@link RetryPolicy}, or given up ({@link MailingStatus#FAILED}) after the last.
 *
 * <p>A due mailing is worked on under a row lock in a transaction of its own ({@code for update skip locked}), so
 * two processes never send the same mailing at once, and a rerun that queues the day while it is being sent waits
 * and then queues it again.
 */
public final class ReportMailings {

  private static final String COLUMNS = """
      mailing_id, report_date, kind, recipients, status, attempts, last_error, next_attempt_at, sent_at, created_at,
      updated_at""";

  private static final String QUEUE = """
      insert into report_mailings (report_date, kind, recipients, status, attempts, next_attempt_at, created_at,
                                   updated_at)
      values (?, ?, ?, 'PENDING', 0, ?, ?, ?)
      on conflict (report_date, kind) do update
        set recipients = excluded.recipients, status = 'PENDING', attempts = 0, last_error = null,
            next_attempt_at = excluded.next_attempt_at, sent_at = null, updated_at = excluded.updated_at
      returning\s""" + COLUMNS;

  private static final String DUE = "select " + COLUMNS + """
       from report_mailings
      where status = 'PENDING' and next_attempt_at <= ?
      order by next_attempt_at, mailing_id""";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final RetryPolicy retry;

  /** The outbox with the default retry policy (1 min, 5 min, 30 min, 2 h, then given up). */
  public ReportMailings(DataSource dataSource, Clock clock) {
    this(dataSource, clock, RetryPolicy.DEFAULT);
  }

  public ReportMailings(DataSource dataSource, Clock clock, RetryPolicy retry) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    // a mailing is recorded as sent or failed whatever becomes of a transaction the caller (a batch step) is in
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.retry = retry;
  }

  /** The retry policy failed attempts are scheduled by. */
  public RetryPolicy retryPolicy() {
    return retry;
  }

  /**
   * Queues the mailing of a report to the recipients, due now; a mailing of the same report already there (sent,
   * pending or given up) is started afresh, so the report as it is now is mailed.
   */
  public Mailing queue(LocalDate day, String kind, List<String> recipients) {
    Timestamp now = timestamp(clock.instant());
    return jdbc.query(connection -> {
      PreparedStatement statement = connection.prepareStatement(QUEUE);
      Array addresses = connection.createArrayOf("text", recipients.toArray(String[]::new));
      statement.setObject(1, day);
      statement.setString(2, kind);
      statement.setArray(3, addresses);
      statement.setTimestamp(4, now);
      statement.setTimestamp(5, now);
      statement.setTimestamp(6, now);
      return statement;
    }, ReportMailings::row).get(0);
  }

  /** The mailings due at {@code now}: pending, their next attempt not after it; the longest waiting first. */
  public List<Mailing> due(Instant now) {
    return jdbc.query(DUE, ReportMailings::row, timestamp(now));
  }

  /** The mailing of a report, if it was ever queued. */
  public Optional<Mailing> find(LocalDate day, String kind) {
    return jdbc.query("select " + COLUMNS + " from report_mailings where report_date = ? and kind = ?",
        ReportMailings::row, day, kind).stream().findFirst();
  }

  /** The mailings changed last, the latest first: what the outbox did recently. */
  public List<Mailing> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return jdbc.query("select " + COLUMNS + " from report_mailings order by updated_at desc, mailing_id desc limit ?",
        ReportMailings::row, limit);
  }

  /**
   * Locks the longest-waiting mailing due at {@code now} that no other process holds, and works on it in a
   * transaction of its own (the work marks it sent or failed); empty when none is left.
   */
  <T> Optional<T> withNextDue(Instant now, Function<Mailing, T> work) {
    return ownTransaction.execute(status -> jdbc.query(DUE + " limit 1 for update skip locked", ReportMailings::row,
        timestamp(now)).stream().findFirst().map(work));
  }

  /** Records that the server accepted the mailing. */
  public Mailing markSent(Mailing mailing) {
    Timestamp now = timestamp(clock.instant());
    return jdbc.query("""
        update report_mailings
           set status = 'SENT', attempts = attempts + 1, next_attempt_at = null, sent_at = ?, updated_at = ?
         where mailing_id = ?
        returning\s""" + COLUMNS, ReportMailings::row, now, now, mailing.id()).get(0);
  }

  /**
   * Records a failed attempt with what it said: the mailing stays pending until its next attempt, after the
   * retry policy's delay, or is given up when that was its last attempt.
   */
  public Mailing markFailed(Mailing mailing, String error) {
    Instant now = clock.instant();
    int attempts = mailing.attempts() + 1;
    Optional<Duration> delay = retry.delayAfter(attempts);
    return jdbc.query("""
        update report_mailings
           set status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
         where mailing_id = ?
        returning\s""" + COLUMNS, ReportMailings::row,
        delay.isPresent() ? MailingStatus.PENDING.name() : MailingStatus.FAILED.name(), attempts, error,
        delay.map(d -> timestamp(now.plus(d))).orElse(null), timestamp(now), mailing.id()).get(0);
  }

  /** An instant as PostgreSQL keeps it (microseconds), so what is written reads back equal. */
  private static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
  }

  private static Mailing row(ResultSet rs, int row) throws SQLException {
    return new Mailing(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
        List.of((String[]) rs.getArray(4).getArray()), MailingStatus.valueOf(rs.getString(5)), rs.getInt(6),
        rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
        instant(rs.getTimestamp(11)));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
