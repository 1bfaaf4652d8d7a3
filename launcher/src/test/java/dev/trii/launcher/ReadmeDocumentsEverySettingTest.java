package dev.trii.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table must name every setting with its default. */
class ReadmeDocumentsEverySettingTest {

  @Test
  void readmeNamesEverySettingAndItsDefault() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (Setting setting : Settings.all()) {
      String row = readme.lines().filter(line -> line.startsWith("| `" + setting.env() + "`")).findFirst()
          .orElseThrow(() -> new AssertionError("README.md has no configuration row for " + setting.env()));
      if (!setting.defaultValue().isEmpty()) {
        assertThat(row).as("README row of %s shows its default", setting.env()).contains("`" + setting.defaultValue() + "`");
      }
    }
  }
}
