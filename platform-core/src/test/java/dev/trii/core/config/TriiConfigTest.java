package dev.trii.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriiConfigTest {

  @TempDir Path home;

  @Test
  void usesDefaultsWhenNothingIsSet() {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString()), Map.of());

    assertThat(config.get(Settings.S3_BUCKET)).isEqualTo("trii");
    assertThat(config.port(Settings.SCORING_PORT)).isEqualTo(8081);
    assertThat(config.optional(Settings.DB_URL)).isEmpty();
    assertThat(config.list(Settings.SYMBOLS)).containsExactly("AAPL", "MSFT", "NVDA", "AMZN", "JPM");
  }

  @Test
  void environmentOverridesTheFileAndOverridesWinOverBoth() throws IOException {
    Files.writeString(home.resolve("trii.properties"), "s3.bucket=from-file\nscoring.port=9001\nscheduler.port=9002\n");

    TriiConfig config = TriiConfig.load(
        Map.of("TRII_HOME", home.toString(), "TRII_SCORING_PORT", "9101", "TRII_SCHEDULER_PORT", "9102"),
        Map.of(Settings.SCHEDULER_PORT, "9203"));

    assertThat(config.get(Settings.S3_BUCKET)).isEqualTo("from-file");
    assertThat(config.port(Settings.SCORING_PORT)).isEqualTo(9101);
    assertThat(config.port(Settings.SCHEDULER_PORT)).isEqualTo(9203);
  }

  @Test
  void explicitConfigFileIsRead() throws IOException {
    Path file = home.resolve("custom.properties");
    Files.writeString(file, "model.name=my-model\n");

    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString(), "TRII_CONFIG", file.toString()), Map.of());

    assertThat(config.get(Settings.MODEL_NAME)).isEqualTo("my-model");
  }

  @Test
  void rejectsMissingExplicitConfigFileNamingTheSetting() {
    assertThatThrownBy(() -> TriiConfig.load(
        Map.of("TRII_HOME", home.toString(), "TRII_CONFIG", home.resolve("absent.properties").toString()), Map.of()))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("TRII_CONFIG")
        .hasMessageContaining("does not exist");
  }

  @Test
  void logsTextUnlessTheLogFormatSaysJsonAndNamesTheSettingForAnyOtherValue() {
    assertThat(TriiConfig.load(Map.of("TRII_HOME", home.toString()), Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(TriiConfig.load(Map.of("TRII_HOME", home.toString(), "TRII_LOG_FORMAT", "JSON"), Map.of())
        .logFormat()).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> TriiConfig.load(Map.of("TRII_HOME", home.toString(), "TRII_LOG_FORMAT", "xml"),
        Map.of()))
        .isInstanceOf(TriiException.class)
        .hasMessage("TRII_LOG_FORMAT must be text or json, got 'xml'");
  }

  @Test
  void rejectsUnknownKeyInFile() throws IOException {
    Files.writeString(home.resolve("trii.properties"), "db.ulr=jdbc:postgresql://x/y\n");

    assertThatThrownBy(() -> TriiConfig.load(Map.of("TRII_HOME", home.toString()), Map.of()))
        .isInstanceOf(TriiException.class)
        .hasMessageContaining("unknown setting 'db.ulr'");
  }

  @Test
  void rejectsNonNumericPortNamingTheVariable() {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString(), "TRII_SCORING_PORT", "eighty"), Map.of());

    assertThatThrownBy(() -> config.port(Settings.SCORING_PORT))
        .isInstanceOf(TriiException.class)
        .hasMessage("TRII_SCORING_PORT must be a whole number, got 'eighty'");
  }

  @Test
  void rejectsPortOutOfRange() {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString(), "TRII_SCORING_PORT", "70000"), Map.of());

    assertThatThrownBy(() -> config.port(Settings.SCORING_PORT))
        .hasMessageContaining("TRII_SCORING_PORT must be a port between 0 and 65535, got 70000");
  }

  @Test
  void masksSecretsWhenDescribed() {
    TriiConfig config = TriiConfig.load(
        Map.of("TRII_HOME", home.toString(), "TRII_DB_PASSWORD", "hunter2", "TRII_S3_SECRET_KEY", "s3cr3t"), Map.of());

    assertThat(config.describe())
        .containsEntry("TRII_DB_PASSWORD", "******")
        .containsEntry("TRII_S3_SECRET_KEY", "******")
        .doesNotContainValue("hunter2");
  }

  @Test
  void environmentOfChildProcessesCarriesNonDefaultValues() {
    TriiConfig config = TriiConfig.load(Map.of("TRII_HOME", home.toString()), Map.of(Settings.DB_URL, "jdbc:postgresql://h/db"));

    assertThat(config.asEnvironment())
        .containsEntry("TRII_DB_URL", "jdbc:postgresql://h/db")
        .containsEntry("TRII_HOME", home.toString())
        .doesNotContainKey("TRII_S3_BUCKET");
  }

  @Test
  void everySettingHasDistinctKeyAndVariable() {
    assertThat(Settings.all()).extracting(Setting::key).doesNotHaveDuplicates();
    assertThat(Settings.all()).extracting(Setting::env).doesNotHaveDuplicates();
  }
}
