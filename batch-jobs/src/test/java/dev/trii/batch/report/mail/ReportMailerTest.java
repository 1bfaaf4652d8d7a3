package dev.trii.batch.report.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.trii.core.config.TriiException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mail a report becomes, sent to an in-process SMTP server (GreenMail on a free port). */
class ReportMailerTest {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
  private static final Instant SENT_AT = Instant.parse("2026-12-04T22:15:00Z");
  private static final byte[] HTML =
      "<html><body><h1>Daily report</h1><p>AAPL closed at 12.34 – café</p></body></html>"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] PDF =
      "%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

  /** Port 0: the server binds a free port; one user for SMTP AUTH. */
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("reports@trii.test", "reports", "s3cret"));

  @Test
  void theReportIsMailedAsHtmlWithThePdfAttachedToEveryRecipient() {
    List<String> recipients = List.of("ann@example.com", "bob@example.org");

    mailer(settings("", "", true)).send("daily", DAY, recipients, HTML, PDF, SENT_AT);

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2);
    for (String recipient : recipients) {
      List<MimeMessage> inbox = SMTP.findReceivedMessages(user -> user.getEmail().equals(recipient), m -> true)
          .toList();
      assertThat(inbox).as("mail delivered to %s", recipient).hasSize(1);
      ReceivedMail mail = ReceivedMail.of(inbox.get(0));
      assertThat(mail.subject()).isEqualTo("TRII daily report 2026-12-04");
      assertThat(mail.from()).isEqualTo("trii-reports@localhost");
      assertThat(mail.to()).containsExactlyElementsOf(recipients);
      assertThat(mail.html()).contains("AAPL closed at 12.34 – café");
      assertThat(mail.text()).contains("TRII daily report of 2026-12-04").contains("trii-daily-2026-12-04.pdf")
          .doesNotContain("<");
      assertThat(mail.attachments()).singleElement().satisfies(attachment -> {
        assertThat(attachment.name()).isEqualTo("trii-daily-2026-12-04.pdf");
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        assertThat(attachment.content()).isEqualTo(PDF);
      });
    }
  }

  @Test
  void mailIsSentWithSmtpAuthWhenAUserIsSet() {
    mailer(settings("reports", "s3cret", false)).send("daily", DAY, List.of("ann@example.com"), HTML, PDF, SENT_AT);

    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aRefusedLoginSaysSo() {
    ReportMailer mailer = mailer(settings("reports", "wrong", false));

    assertThatThrownBy(() -> mailer.send("daily", DAY, List.of("ann@example.com"), HTML, PDF, SENT_AT))
        .isInstanceOf(TriiException.class)
        .hasMessageStartingWith("mailing the daily report of 2026-12-04 through 127.0.0.1:" + port() + " failed: ")
        .hasMessageContaining("Authentication failed");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void aPasswordIsNeverSentToAServerWithoutStartTls() {
    ReportMailer mailer = mailer(settings("reports", "s3cret", true));

    assertThatThrownBy(() -> mailer.send("daily", DAY, List.of("ann@example.com"), HTML, PDF, SENT_AT))
        .isInstanceOf(TriiException.class).hasMessageContaining("STARTTLS");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void aDeadServerFailsFastNamingTheServer() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    MailSettings settings = new MailSettings("127.0.0.1", closed, "", "", true, "trii-reports@localhost",
        List.of("ann@example.com"));
    long start = System.nanoTime();

    assertThatThrownBy(() -> mailer(settings).send("daily", DAY, List.of("ann@example.com"), HTML, PDF, SENT_AT))
        .isInstanceOf(TriiException.class)
        .hasMessageStartingWith("mailing the daily report of 2026-12-04 through 127.0.0.1:" + closed + " failed: ")
        .hasMessageContaining("Connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ReportMailer.TIMEOUT);
  }

  private static int port() {
    return SMTP.getSmtp().getPort();
  }

  private static MailSettings settings(String user, String password, boolean startTls) {
    return new MailSettings("127.0.0.1", port(), user, password, startTls, "trii-reports@localhost",
        List.of("ann@example.com"));
  }

  private static ReportMailer mailer(MailSettings settings) {
    return new ReportMailer(settings);
  }
}
