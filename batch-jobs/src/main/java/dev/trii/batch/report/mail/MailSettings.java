package dev.trii.batch.report.mail;

import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the daily report is mailed: the SMTP server with its credentials and TLS, the sender and the recipients, read
 * from {@code TRII_SMTP_*} and {@code TRII_REPORT_MAIL_TO} and checked once, so that a bad value stops the job with
 * the setting's name instead of failing every send.
 *
 * <p>Mail is on only when both {@code TRII_SMTP_HOST} and {@code TRII_REPORT_MAIL_TO} are set. With
 * {@code TRII_SMTP_STARTTLS=true} (the default) the connection is upgraded with STARTTLS whenever the server offers
 * it, and must be when a user is set, so a password never travels in clear; {@code false} speaks plain SMTP.
 *
 * @param host the SMTP server
 * @param port its port (1-65535)
 * @param user the SMTP AUTH user; empty: no AUTH
 * @param password the user's password (empty without a user); never printed
 * @param startTls whether STARTTLS is used (see above)
 * @param from the sender, as written in the From header
 * @param recipients every address the report goes to, each checked, in the order given
 */
public record MailSettings(String host, int port, String user, String password, boolean startTls, String from,
    List<String> recipients) {

  private static final Logger log = LoggerFactory.getLogger(MailSettings.class);

  public MailSettings {
    recipients = List.copyOf(recipients);
  }

  /**
   * The mail settings of a configuration, or empty when mail is off (no SMTP host or no recipients).
   *
   * @throws TriiException naming the setting when a value is invalid: an address, the port, STARTTLS, a user
   *     without a password
   */
  public static Optional<MailSettings> from(TriiConfig config) {
    Optional<String> host = config.optional(Settings.SMTP_HOST);
    Optional<String> to = config.optional(Settings.REPORT_MAIL_TO);
    if (host.isEmpty() || to.isEmpty()) {
      if (host.isPresent() || to.isPresent()) {
        log.warn("report mail is off: {} is set but {} is not", host.isPresent() ? Settings.SMTP_HOST
            : Settings.REPORT_MAIL_TO, host.isPresent() ? Settings.REPORT_MAIL_TO : Settings.SMTP_HOST);
      }
      return Optional.empty();
    }
    checkHost(host.get());
    int port = config.port(Settings.SMTP_PORT);
    if (port == 0) {
      throw new TriiException(Settings.SMTP_PORT + " must be a port between 1 and 65535, got 0");
    }
    String user = config.get(Settings.SMTP_USER).trim();
    String password = config.get(Settings.SMTP_PASSWORD);
    checkCredentials(user, password);
    String from = address(Settings.SMTP_FROM, config.get(Settings.SMTP_FROM));
    return Optional.of(new MailSettings(host.get(), port, user, password, bool(config, Settings.SMTP_STARTTLS), from,
        addresses(Settings.REPORT_MAIL_TO, to.get())));
  }

  /** Whether mail is sent with SMTP AUTH. */
  public boolean authenticates() {
    return !user.isEmpty();
  }

  /** Whether the connection must be upgraded with STARTTLS (refusing a server without it). */
  public boolean startTlsRequired() {
    return startTls && authenticates();
  }

  /** Where mail goes out, for messages: {@code smtp.example.com:587}. */
  public String server() {
    return host + ":" + port;
  }

  /** The settings, the password masked: safe to log. */
  @Override
  public String toString() {
    return "MailSettings[server=" + server() + ", user=" + (authenticates() ? user : "(none)") + ", password="
        + (password.isEmpty() ? "(none)" : "******") + ", startTls=" + startTls + ", from=" + from + ", recipients="
        + recipients + "]";
  }

  /** Every address of a comma-separated list (a quoted name may hold a comma), each checked. */
  static List<String> addresses(Setting setting, String value) {
    InternetAddress[] parsed;
    try {
      parsed = InternetAddress.parse(value, true);
    } catch (AddressException e) {
      throw invalid(setting, value, e);
    }
    List<String> addresses = new ArrayList<>();
    for (InternetAddress address : parsed) {
      addresses.add(checked(setting, address));
    }
    if (addresses.isEmpty()) {
      throw new TriiException(setting + " names no mail address: '" + value + "'");
    }
    return addresses;
  }

  private static String address(Setting setting, String value) {
    List<String> addresses = addresses(setting, value);
    if (addresses.size() != 1) {
      throw new TriiException(setting + " must be one mail address, got " + addresses.size() + ": '" + value + "'");
    }
    return addresses.get(0);
  }

  private static String checked(Setting setting, InternetAddress address) {
    try {
      address.validate();
    } catch (AddressException e) {
      throw invalid(setting, address.toUnicodeString(), e);
    }
    if (address.isGroup() || address.getAddress().indexOf('@') < 1) {
      throw new TriiException(setting + ": '" + address.toUnicodeString() + "' is not a mail address (user@domain)");
    }
    return address.toUnicodeString();
  }

  private static TriiException invalid(Setting setting, String value, AddressException e) {
    String reason = e.getMessage() == null ? "invalid" : e.getMessage();
    return new TriiException(setting + ": '" + value + "' is not a valid mail address (" + reason + ")", e);
  }

  /** A user needs a password, and a password is for a user. */
  private static void checkCredentials(String user, String password) {
    if (!user.isEmpty() && password.isEmpty()) {
      throw new TriiException(Settings.SMTP_PASSWORD + " must be set when " + Settings.SMTP_USER + " is ('" + user
          + "')");
    }
    if (user.isEmpty() && !password.isEmpty()) {
      throw new TriiException(Settings.SMTP_PASSWORD + " is set but " + Settings.SMTP_USER
          + " is not: set the user too, or unset the password");
    }
  }

  /** A host name or address alone: a URL or {@code host:port} is a mistake worth naming. */
  private static void checkHost(String host) {
    if (host.contains("/") || host.chars().anyMatch(Character::isWhitespace)
        || host.chars().filter(c -> c == ':').count() == 1) {
      throw new TriiException(Settings.SMTP_HOST + " must be a host name or address alone, got '" + host
          + "' (the port is " + Settings.SMTP_PORT + ")");
    }
  }

  private static boolean bool(TriiConfig config, Setting setting) {
    String value = config.get(setting).trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new TriiException(setting + " must be true or false, got '" + config.get(setting) + "'");
    };
  }
}
