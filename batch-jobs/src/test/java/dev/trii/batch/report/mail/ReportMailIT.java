package dev.trii.batch.report.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.reports.ReportFormat;
import dev.trii.core.reports.Reports;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report mail end to end: reports stored in real object storage and indexed in a real database, mailed through the
 * outbox to an in-process SMTP server (GreenMail on a free port), with a clock the test moves so that retries and
 * backoff are checked without waiting.
 */
class ReportMailIT {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
  private static final Instant OPEN = Instant.parse("2026-12-04T14:30:00Z");
  private static final Instant CLOSE = Instant.parse("2026-12-04T21:00:00Z");
  private static final Instant AFTER_CLOSE = Instant.parse("2026-12-04T22:15:00Z");
  private static final String TO = "ann@example.com, \"Desk, Rates\" <rates@desk.example.org>";
  /** The mailboxes of {@link #TO}. */
  private static final List<String> RECIPIENTS = List.of("ann@example.com", "rates@desk.example.org");
  /** The recipe of a small valid PDF: a header, one empty object, the end marker. */
  private static final byte[] PDF = "%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
      .getBytes(StandardCharsets.ISO_8859_1);

  /** Port 0: the server binds a free port, read back with {@code SMTP.getSmtp().getPort()}. */
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("reports@trii.test", "reports", "s3cret"));

  private static TestDatabase db;
  private static Reports reports;

  @TempDir
  Path home;

  private final TestClock clock = new TestClock(AFTER_CLOSE);

  @BeforeAll
  static void storage() {
    db = TestDatabase.create();
    reports = new Reports(db.dataSource(), ArtifactStore.connect(TestObjectStore.freshBucket()));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void emptyOutbox() {
    db.jdbc().update("delete from report_mailings");
    db.jdbc().update("delete from reports");
  }

  @Test
  void aQueuedReportIsMailedToEveryRecipientAndMarkedSent() {
    storeReport(DAY, "<p>AAPL closed at 12.34</p>");
    ReportMail mail = mail(SMTP.getSmtp().getPort(), Map.of());

    Mailing queued = mail.queue(DAY);
    MailRound round = mail.sendDue();

    assertThat(queued.status()).isEqualTo(MailingStatus.PENDING);
    assertThat(queued.recipients()).containsExactly("ann@example.com", "\"Desk, Rates\" <rates@desk.example.org>");
    assertThat(round).isEqualTo(new MailRound(1, 0, 0, List.of()));
    assertThat(round.describe()).isEqualTo("report mail: 1 sent, 0 to retry, 0 given up");
    for (String recipient : RECIPIENTS) {
      List<MimeMessage> inbox = inbox(SMTP, recipient);
      assertThat(inbox).as("mail delivered to %s", recipient).hasSize(1);
      ReceivedMail received = ReceivedMail.of(inbox.get(0));
      assertThat(received.subject()).isEqualTo("TRII daily report 2026-12-04");
      assertThat(received.from()).isEqualTo("TRII reports <reports@trii.example.com>");
      assertThat(received.to()).containsExactly("ann@example.com", "\"Desk, Rates\" <rates@desk.example.org>");
      assertThat(received.html()).contains("AAPL closed at 12.34");
      assertThat(received.attachments()).singleElement().satisfies(attachment -> {
        assertThat(attachment.name()).isEqualTo("trii-daily-2026-12-04.pdf");
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        assertThat(attachment.content()).isEqualTo(PDF);
      });
    }
    Mailing sent = mail.mailings().find(DAY, Reports.DAILY).orElseThrow();
    assertThat(sent.status()).isEqualTo(MailingStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(sent.sentAt()).isEqualTo(AFTER_CLOSE);
    assertThat(sent.nextAttemptAt()).isNull();
    assertThat(sent.lastError()).isNull();

    clock.advance(Duration.ofDays(1));
    assertThat(mail.sendDue()).as("a sent mailing is never sent again").isEqualTo(MailRound.none());
    assertThat(SMTP.getReceivedMessages()).hasSize(RECIPIENTS.size());
  }

  @Test
  void aFailedSendIsRecordedNotThrownAndSentOnceTheServerIsBackAndTheRetryIsDue() {
    storeReport(DAY, "<p>the day</p>");
    int port = freePort();
    ReportMail mail = mail(port, Map.of());
    mail.queue(DAY);

    MailRound down = mail.sendDue();

    assertThat(down.sent()).isZero();
    assertThat(down.retryLater()).isEqualTo(1);
    assertThat(down.failed()).isZero();
    assertThat(down.describe()).startsWith("report mail: 0 sent, 1 to retry, 0 given up (2026-12-04: mailing the daily")
        .contains("Connection refused");
    Mailing failed = mail.mailings().find(DAY, Reports.DAILY).orElseThrow();
    assertThat(failed.status()).isEqualTo(MailingStatus.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).contains("127.0.0.1:" + port).contains("Connection refused");
    assertThat(failed.nextAttemptAt()).isEqualTo(AFTER_CLOSE.plus(Duration.ofMinutes(1))).isAfter(clock.instant());
    assertThat(mail.sendDue()).as("not due before its next attempt").isEqualTo(MailRound.none());

    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    try {
      clock.advance(Duration.ofSeconds(59));
      assertThat(mail.sendDue()).as("still not due").isEqualTo(MailRound.none());
      clock.advance(Duration.ofSeconds(1));

      assertThat(mail.sendDue()).isEqualTo(new MailRound(1, 0, 0, List.of()));

      assertThat(server.getReceivedMessages()).hasSize(RECIPIENTS.size());
      Mailing sent = mail.mailings().find(DAY, Reports.DAILY).orElseThrow();
      assertThat(sent.status()).isEqualTo(MailingStatus.SENT);
      assertThat(sent.attempts()).isEqualTo(2);
      assertThat(sent.sentAt()).isEqualTo(AFTER_CLOSE.plus(Duration.ofMinutes(1)));
    } finally {
      server.stop();
    }
  }

  @Test
  void aMailingIsRetriedWithGrowingBackoffThenGivenUp() {
    storeReport(DAY, "<p>the day</p>");
    ReportMail mail = mail(freePort(), Map.of());
    mail.queue(DAY);
    List<Duration> waits = RetryPolicy.DEFAULT.delays();

    for (int attempt = 1; attempt < RetryPolicy.DEFAULT_MAX_ATTEMPTS; attempt++) {
      Instant triedAt = clock.instant();
      assertThat(mail.sendDue()).extracting(MailRound::retryLater).isEqualTo(1);
      Mailing pending = mail.mailings().find(DAY, Reports.DAILY).orElseThrow();
      assertThat(pending.status()).isEqualTo(MailingStatus.PENDING);
      assertThat(pending.attempts()).isEqualTo(attempt);
      assertThat(pending.nextAttemptAt()).isEqualTo(triedAt.plus(waits.get(attempt - 1)));
      clock.advance(waits.get(attempt - 1));
    }
    MailRound last = mail.sendDue();

    assertThat(last.failed()).isEqualTo(1);
    assertThat(last.retryLater()).isZero();
    Mailing givenUp = mail.mailings().find(DAY, Reports.DAILY).orElseThrow();
    assertThat(givenUp.status()).isEqualTo(MailingStatus.FAILED);
    assertThat(givenUp.attempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    assertThat(givenUp.nextAttemptAt()).isNull();
    assertThat(givenUp.lastError()).contains("Connection refused");
    clock.advance(Duration.ofDays(7));
    assertThat(mail.mailings().due(clock.instant())).isEmpty();
    assertThat(mail.sendDue()).as("a given-up mailing is never retried").isEqualTo(MailRound.none());
  }

  @Test
  void aRerunQueuesTheDayAfreshSoTheCorrectedReportIsMailed() {
    storeReport(DAY, "<p>first version</p>");
    ReportMail mail = mail(SMTP.getSmtp().getPort(), Map.of());
    mail.queue(DAY);
    mail.sendDue();
    storeReport(DAY, "<p>corrected version</p>");
    clock.advance(Duration.ofHours(1));

    Mailing requeued = mail.queue(DAY);

    assertThat(requeued.status()).isEqualTo(MailingStatus.PENDING);
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.sentAt()).isNull();
    assertThat(requeued.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(mail.sendDue().sent()).isEqualTo(1);
    List<MimeMessage> inbox = inbox(SMTP, "ann@example.com");
    assertThat(inbox).hasSize(2);
    assertThat(ReceivedMail.of(inbox.get(1)).html()).contains("corrected version");
    assertThat(db.count("report_mailings")).isEqualTo(1);
  }

  @Test
  void aGivenUpDayIsQueuedAgainByARerun() {
    storeReport(DAY, "<p>the day</p>");
    ReportMail mail = mail(SMTP.getSmtp().getPort(), Map.of());
    // the same outbox with one retry: given up after two failed attempts
    ReportMailings outbox = new ReportMailings(db.dataSource(), clock, new RetryPolicy(List.of(Duration.ofMinutes(1))));
    outbox.queue(DAY, Reports.DAILY, RECIPIENTS);
    Mailing first = outbox.due(clock.instant()).get(0);
    outbox.markFailed(first, "refused");
    clock.advance(Duration.ofMinutes(1));
    Mailing givenUp = outbox.markFailed(outbox.due(clock.instant()).get(0), "refused again");
    assertThat(givenUp.status()).isEqualTo(MailingStatus.FAILED);

    Mailing requeued = mail.queue(DAY);

    assertThat(requeued.status()).isEqualTo(MailingStatus.PENDING);
    assertThat(requeued.attempts()).isZero();
    assertThat(requeued.lastError()).isNull();
    assertThat(mail.sendDue().sent()).isEqualTo(1);
  }

  @Test
  void aDayWithoutItsReportFilesIsRecordedAsAFailedAttempt() {
    reports.store(DAY, Reports.DAILY, ReportFormat.HTML, "<p>only html</p>".getBytes(StandardCharsets.UTF_8), OPEN,
        CLOSE);
    ReportMail mail = mail(SMTP.getSmtp().getPort(), Map.of());
    mail.queue(DAY);

    MailRound round = mail.sendDue();

    assertThat(round.retryLater()).isEqualTo(1);
    assertThat(mail.mailings().find(DAY, Reports.DAILY).orElseThrow().lastError())
        .isEqualTo("the daily report of 2026-12-04 has no pdf file in the report index");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void mailIsSentWithSmtpAuthWhenAUserIsSet() {
    storeReport(DAY, "<p>the day</p>");
    ReportMail mail = mail(SMTP.getSmtp().getPort(), Map.of(Settings.SMTP_USER, "reports",
        Settings.SMTP_PASSWORD, "s3cret", Settings.SMTP_STARTTLS, "false"));
    mail.queue(DAY);

    assertThat(mail.sendDue().sent()).isEqualTo(1);
    assertThat(SMTP.getReceivedMessages()).hasSize(RECIPIENTS.size());

    ReportMail wrongPassword = mail(SMTP.getSmtp().getPort(), Map.of(Settings.SMTP_USER, "reports",
        Settings.SMTP_PASSWORD, "wrong", Settings.SMTP_STARTTLS, "false"));
    wrongPassword.queue(DAY);
    assertThat(wrongPassword.sendDue().retryLater()).isEqualTo(1);
    assertThat(wrongPassword.mailings().find(DAY, Reports.DAILY).orElseThrow().lastError())
        .contains("Authentication failed");
  }

  @Test
  void recentListsTheOutboxLatestChangeFirst() {
    storeReport(DAY.minusDays(1), "<p>the day before</p>");
    ReportMail mail = mail(SMTP.getSmtp().getPort(), Map.of());
    mail.queue(DAY.minusDays(1));
    clock.advance(Duration.ofMinutes(1));
    mail.queue(DAY);

    assertThat(mail.recent(10)).extracting(Mailing::reportDate, Mailing::status).containsExactly(
        tuple(DAY, MailingStatus.PENDING),
        tuple(DAY.minusDays(1), MailingStatus.PENDING));
    assertThat(mail.recent(1)).hasSize(1);
  }

  @Test
  void withoutSettingsThereIsNoMailAndBadRecipientsNameTheSetting() {
    assertThat(ReportMail.configured(config(Map.of()), db.dataSource(), reports, clock)).isEmpty();
    assertThat(ReportMail.configured(config(Map.of(Settings.SMTP_HOST, "127.0.0.1")), db.dataSource(), reports, clock))
        .isEmpty();
    assertThat(ReportMail.configured(config(Map.of(Settings.REPORT_MAIL_TO, TO)), db.dataSource(), reports, clock))
        .isEmpty();

    assertThatThrownBy(() -> ReportMail.configured(config(Map.of(Settings.SMTP_HOST, "127.0.0.1",
        Settings.REPORT_MAIL_TO, "ann@example.com; bob")), db.dataSource(), reports, clock))
        .isInstanceOf(TriiException.class).hasMessageStartingWith("TRII_REPORT_MAIL_TO: ");
  }

  private void storeReport(LocalDate day, String body) {
    byte[] html = ("<html><body><h1>TRII daily report " + day + "</h1>" + body + "</body></html>")
        .getBytes(StandardCharsets.UTF_8);
    reports.store(day, Reports.DAILY, ReportFormat.HTML, html, OPEN, CLOSE);
    reports.store(day, Reports.DAILY, ReportFormat.PDF, PDF, OPEN, CLOSE);
  }

  private ReportMail mail(int port, Map<Setting, String> extra) {
    Map<Setting, String> values = new HashMap<>(Map.of(Settings.SMTP_HOST, "127.0.0.1",
        Settings.SMTP_PORT, Integer.toString(port), Settings.SMTP_FROM, "TRII reports <reports@trii.example.com>",
        Settings.REPORT_MAIL_TO, TO));
    values.putAll(extra);
    return ReportMail.configured(config(values), db.dataSource(), reports, clock).orElseThrow();
  }

  private TriiConfig config(Map<Setting, String> values) {
    Map<Setting, String> overrides = new HashMap<>(values);
    overrides.put(Settings.HOME, home.toString());
    return TriiConfig.load(Map.of(), overrides);
  }

  private static List<MimeMessage> inbox(GreenMailOperations server, String address) {
    return server.findReceivedMessages(user -> user.getEmail().equals(address), message -> true).toList();
  }

  /** A port nothing listens on: the SMTP server is down. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
