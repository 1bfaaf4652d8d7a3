package dev.trii.batch.report.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail settings from the configuration: when mail is on, the defaults, and an error naming each bad setting. */
class MailSettingsTest {

  @TempDir
  Path home;

  @Test
  void mailIsOffUnlessBothTheServerAndTheRecipientsAreSet() {
    assertThat(MailSettings.from(config(Map.of()))).isEmpty();
    assertThat(MailSettings.from(config(Map.of(Settings.SMTP_HOST, "smtp.example.com")))).isEmpty();
    assertThat(MailSettings.from(config(Map.of(Settings.REPORT_MAIL_TO, "ann@example.com")))).isEmpty();
  }

  @Test
  void defaultsAreSubmissionWithStartTlsFromTheLocalSender() {
    MailSettings settings = settings(Map.of()).orElseThrow();

    assertThat(settings.host()).isEqualTo("smtp.example.com");
    assertThat(settings.port()).isEqualTo(587);
    assertThat(settings.startTls()).isTrue();
    assertThat(settings.authenticates()).isFalse();
    assertThat(settings.startTlsRequired()).isFalse();
    assertThat(settings.from()).isEqualTo("trii-reports@localhost");
    assertThat(settings.recipients()).containsExactly("ann@example.com");
  }

  @Test
  void recipientsAreAListOfAddressesWhereAQuotedNameMayHoldAComma() {
    MailSettings settings = settings(Map.of(Settings.REPORT_MAIL_TO,
        " ann@example.com, \"Doe, Bob\" <bob@example.org>,carla@desk.example.com ")).orElseThrow();

    assertThat(settings.recipients())
        .containsExactly("ann@example.com", "\"Doe, Bob\" <bob@example.org>", "carla@desk.example.com");
  }

  @Test
  void aUserMakesStartTlsRequiredAndThePasswordIsNeverPrinted() {
    MailSettings settings = settings(Map.of(Settings.SMTP_USER, "reports", Settings.SMTP_PASSWORD, "s3cret"))
        .orElseThrow();

    assertThat(settings.authenticates()).isTrue();
    assertThat(settings.startTlsRequired()).isTrue();
    assertThat(settings.toString()).contains("user=reports").contains("******").doesNotContain("s3cret");

    MailSettings plain = settings(Map.of(Settings.SMTP_USER, "reports", Settings.SMTP_PASSWORD, "s3cret",
        Settings.SMTP_STARTTLS, "FALSE")).orElseThrow();
    assertThat(plain.startTls()).isFalse();
    assertThat(plain.startTlsRequired()).isFalse();
  }

  @Test
  void aBadRecipientNamesTheSettingAndTheAddress() {
    assertThatThrownBy(() -> settings(Map.of(Settings.REPORT_MAIL_TO, "ann@example.com, not-an-address")))
        .isInstanceOf(TriiException.class)
        .hasMessageStartingWith("TRII_REPORT_MAIL_TO: 'not-an-address' is not")
        .hasMessageContaining("mail address");
    assertThatThrownBy(() -> settings(Map.of(Settings.REPORT_MAIL_TO, "ann@exa mple.com")))
        .isInstanceOf(TriiException.class).hasMessageStartingWith("TRII_REPORT_MAIL_TO: ");
    assertThatThrownBy(() -> settings(Map.of(Settings.REPORT_MAIL_TO, "<ann@example.com")))
        .isInstanceOf(TriiException.class).hasMessageStartingWith("TRII_REPORT_MAIL_TO: ");
    assertThatThrownBy(() -> settings(Map.of(Settings.REPORT_MAIL_TO, " , ")))
        .isInstanceOf(TriiException.class).hasMessageStartingWith("TRII_REPORT_MAIL_TO names no mail address");
  }

  @Test
  void otherBadValuesNameTheirSetting() {
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_FROM, "reports")))
        .hasMessageStartingWith("TRII_SMTP_FROM: 'reports' is not");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_FROM, "a@example.com, b@example.com")))
        .hasMessage("TRII_SMTP_FROM must be one mail address, got 2: 'a@example.com, b@example.com'");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_HOST, "smtp.example.com:25")))
        .hasMessage("TRII_SMTP_HOST must be a host name or address alone, got 'smtp.example.com:25' (the port is "
            + "TRII_SMTP_PORT)");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_HOST, "smtp://smtp.example.com")))
        .hasMessageStartingWith("TRII_SMTP_HOST must be a host name or address alone");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_PORT, "0")))
        .hasMessage("TRII_SMTP_PORT must be a port between 1 and 65535, got 0");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_PORT, "smtp")))
        .hasMessageStartingWith("TRII_SMTP_PORT must be a whole number");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_STARTTLS, "yes")))
        .hasMessage("TRII_SMTP_STARTTLS must be true or false, got 'yes'");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_USER, "reports")))
        .hasMessage("TRII_SMTP_PASSWORD must be set when TRII_SMTP_USER is ('reports')");
    assertThatThrownBy(() -> settings(Map.of(Settings.SMTP_PASSWORD, "s3cret")))
        .hasMessageStartingWith("TRII_SMTP_PASSWORD is set but TRII_SMTP_USER is not");
  }

  private Optional<MailSettings> settings(Map<Setting, String> values) {
    Map<Setting, String> all = new HashMap<>(Map.of(Settings.SMTP_HOST, "smtp.example.com",
        Settings.REPORT_MAIL_TO, "ann@example.com"));
    all.putAll(values);
    return MailSettings.from(config(all));
  }

  private TriiConfig config(Map<Setting, String> values) {
    Map<Setting, String> overrides = new HashMap<>(values);
    overrides.put(Settings.HOME, home.toString());
    return TriiConfig.load(Map.of(), overrides);
  }
}
