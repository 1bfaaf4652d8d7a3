package dev.trii.batch.report.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A mail as a reader sees it, taken apart for assertions: headers, the plain-text and HTML bodies and the attachments.
 *
 * @param subject the Subject header
 * @param from the From header
 * @param to every To address
 * @param text the text/plain body
 * @param html the text/html body
 * @param attachments every part with an attachment disposition
 */
public record ReceivedMail(String subject, String from, List<String> to, String text, String html,
    List<Attachment> attachments) {

  /** An attached file: its name, content type (without parameters) and bytes. */
  public record Attachment(String name, String contentType, byte[] content) {}

  public static ReceivedMail of(MimeMessage message) {
    try {
      List<Part> leaves = new ArrayList<>();
      collect(message, leaves);
      String text = null;
      String html = null;
      List<Attachment> attachments = new ArrayList<>();
      for (Part part : leaves) {
        String type = part.getContentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
          attachments.add(new Attachment(part.getFileName(), type, part.getInputStream().readAllBytes()));
        } else if (type.equals("text/plain")) {
          text = (String) part.getContent();
        } else if (type.equals("text/html")) {
          html = (String) part.getContent();
        }
      }
      return new ReceivedMail(message.getSubject(), message.getFrom()[0].toString(),
          Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Address::toString).toList(), text, html,
          attachments);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(Part part, List<Part> leaves) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), leaves);
      }
    } else {
      leaves.add(part);
    }
  }
}
