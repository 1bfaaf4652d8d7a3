package dev.trii.launcher;

import dev.trii.core.config.Setting;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code trii config}: prints every setting with its effective value (secrets masked) and its default. */
@Command(name = "config", description = "Print the effective configuration (secrets masked).")
final class ConfigCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Map<String, String> values = TriiConfig.load().describe();
    for (Setting setting : Settings.all()) {
      String value = values.get(setting.env());
      System.out.printf("%-24s %-40s %s%n", setting.env(), value.isEmpty() ? "(unset)" : value,
          value.equals(setting.defaultValue()) ? "default" : "default: " + (setting.defaultValue().isEmpty() ? "(unset)" : setting.defaultValue()));
    }
    return 0;
  }
}
