package dev.trii.batch.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality thresholds file: built-in values, partial overrides, clear errors. */
class QualityConfigLoaderTest {

  @Test
  void builtInThresholds() {
    QualityConfig config = QualityConfigLoader.loadDefault();

    assertThat(config).isEqualTo(new QualityConfig(0.95, 15, 0.01, List.of("DUPLICATE"), 0.01,
        List.of("LATE_EVENT", "STALE_TIMESTAMP"), 8.0, 0.01, 30, 5, 2, 0.05, "classpath:quality.yaml"));
  }

  @Test
  void anOverrideFileChangesOnlyTheKeysItSets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("quality.yaml");
    Files.writeString(file, """
        gaps: {max_minutes: 3}
        out_of_order: {reasons: [LATE_EVENT]}
        """);

    QualityConfig config = QualityConfigLoader.load(withQualityFile(file.toString()));

    assertThat(config.maxGapMinutes()).isEqualTo(3);
    assertThat(config.outOfOrderReasons()).containsExactly("LATE_EVENT");
    assertThat(config.minCompleteness()).isEqualTo(0.95);
    assertThat(config.source()).isEqualTo(file + " over classpath:quality.yaml");
    assertThat(QualityConfigLoader.load(withQualityFile("  "))).isEqualTo(QualityConfigLoader.loadDefault());
  }

  @Test
  void namesAnUnknownKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("q.yaml");
    Files.writeString(file, "gaps: {max_minute: 3}\n");

    assertThatThrownBy(() -> QualityConfigLoader.load(file))
        .isInstanceOf(TriiException.class)
        .hasMessage("quality thresholds file " + file + ": unknown key 'max_minute' in gaps (known: [max_minutes])");
  }

  @Test
  void namesAValueOutOfRange(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("q.yaml");
    Files.writeString(file, "completeness: {min_share: 95}\n");

    assertThatThrownBy(() -> QualityConfigLoader.load(file))
        .isInstanceOf(TriiException.class)
        .hasMessageEndingWith(": completeness.min_share must be in [0, 1], got 95.0");
  }

  @Test
  void namesAMissingFile() {
    assertThatThrownBy(() -> QualityConfigLoader.load(Path.of("/no/such/quality.yaml")))
        .hasMessage("quality thresholds file /no/such/quality.yaml (TRII_QUALITY_FILE) does not "
            + "exist");
  }

  private static TriiConfig withQualityFile(String file) {
    return TriiConfig.load(Map.of(), Map.of(Settings.QUALITY_FILE, file));
  }
}
