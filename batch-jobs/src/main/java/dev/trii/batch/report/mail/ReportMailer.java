package dev.trii.batch.report.mail;

import dev.trii.core.config.TriiException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends one report by mail through Spring's {@link JavaMailSenderImpl} (Jakarta Mail): the report's HTML as the body
 * with a short plain-text alternative, its PDF attached ({@code trii-daily-2026-12-04.pdf}), to the given recipients.
 * Connecting, reading and writing each time out after {@link #TIMEOUT}, so a dead server fails the send quickly
 * instead of holding up the job.
 */
public final class ReportMailer {

  /** How long the SMTP connection may take to open, and each read or write on it. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final MailSettings settings;
  private final JavaMailSenderImpl sender;

  public ReportMailer(MailSettings settings) {
    this.settings = settings;
    this.sender = sender(settings, TIMEOUT);
  }

  /** The subject of a report's mail: {@code TRII daily report 2026-12-04}. */
  public static String subject(String kind, LocalDate day) {
    return "TRII " + kind + " report " + day;
  }

  /** The name of the attached PDF: {@code trii-daily-2026-12-04.pdf}. */
  public static String attachmentName(String kind, LocalDate day) {
    return "trii-" + kind + "-" + day + ".pdf";
  }

  /**
   * Sends the report of a day.
   *
   * @param html the report's HTML (UTF-8), the body of the mail
   * @param pdf the report's PDF, attached
   * @param sentAt the mail's Date header
   * @throws TriiException saying which server refused or could not be reached, and why
   */
  public void send(String kind, LocalDate day, List<String> recipients, byte[] html, byte[] pdf, Instant sentAt) {
    try {
      sender.send(message(kind, day, recipients, html, pdf, sentAt));
    } catch (MailException | MessagingException e) {
      throw new TriiException("mailing the " + kind + " report of " + day + " through " + settings.server()
          + " failed: " + causes(e), e);
    }
  }

  /** The message {@link #send} sends. */
  MimeMessage message(String kind, LocalDate day, List<String> recipients, byte[] html, byte[] pdf, Instant sentAt)
      throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
        StandardCharsets.UTF_8.name());
    helper.setFrom(settings.from());
    helper.setTo(recipients.toArray(String[]::new));
    helper.setSubject(subject(kind, day));
    helper.setSentDate(Date.from(sentAt));
    helper.setText(plainText(kind, day), new String(html, StandardCharsets.UTF_8));
    helper.addAttachment(attachmentName(kind, day), new ByteArrayResource(pdf), "application/pdf");
    return message;
  }

  /** The plain-text alternative, for mail readers that show no HTML. */
  static String plainText(String kind, LocalDate day) {
    return "The TRII " + kind + " report of " + day + ".\n\n"
        + "This mail's HTML part is the report; the same report is attached as " + attachmentName(kind, day) + ".\n";
  }

  private static JavaMailSenderImpl sender(MailSettings settings, Duration timeout) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(settings.host());
    sender.setPort(settings.port());
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    if (settings.authenticates()) {
      sender.setUsername(settings.user());
      sender.setPassword(settings.password());
    }
    String millis = Long.toString(timeout.toMillis());
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.connectiontimeout", millis);
    properties.setProperty("mail.smtp.timeout", millis);
    properties.setProperty("mail.smtp.writetimeout", millis);
    properties.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTlsRequired()));
    if (settings.startTls()) {
      properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    }
    sender.setJavaMailProperties(properties);
    return sender;
  }

  /**
   * What a mail failure says, without the stack: the messages of the exception and its causes, each once, on one line
   * (for a send that failed, those of the failed message rather than Spring's summary).
   */
  static String causes(Throwable error) {
    Throwable first = error;
    if (error instanceof MailSendException send && send.getMessageExceptions().length > 0) {
      first = send.getMessageExceptions()[0];
    }
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t = first; t != null && messages.size() < 8; t = t.getCause()) {
      String message = ownMessage(t);
      if (messages.stream().noneMatch(known -> known.contains(message))) {
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }

  /** An exception's message without the nested exception Jakarta Mail appends to it, on one line. */
  private static String ownMessage(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nested = message.indexOf(";\n  nested exception is:");
    return (nested < 0 ? message : message.substring(0, nested)).replaceAll("\\s+", " ").strip();
  }
}
