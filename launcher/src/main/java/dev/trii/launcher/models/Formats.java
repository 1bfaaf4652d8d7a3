package dev.trii.launcher.models;

import dev.trii.core.config.TriiException;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text layout shared by the {@code models} commands: times, numbers, aligned tables, lookups with clear errors. */
final class Formats {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Formats() {}

  static String time(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }

  /** Whole numbers without decimals, others with four. */
  static String number(Double value) {
    if (value == null) {
      return "-";
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf(value.longValue());
    }
    return String.format(Locale.ROOT, "%.4f", value);
  }

  static String aliases(ModelVersion version) {
    return version.aliases().isEmpty() ? "-" : String.join(",", version.aliases());
  }

  /** Prints rows with every column padded to its widest cell, indented by {@code indent}. */
  static void table(PrintWriter out, String indent, List<List<String>> rows) {
    List<Integer> widths = new ArrayList<>();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (widths.size() <= i) {
          widths.add(0);
        }
        widths.set(i, Math.max(widths.get(i), row.get(i).length()));
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths.get(i) + "s  ", row.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /**
   * The versions of a model, newest first.
   *
   * @throws TriiException naming the registry's models when there is no such model
   */
  static List<ModelVersion> versionsOf(ModelRegistry registry, String model, String registryName) {
    List<ModelVersion> versions = registry.listModelVersions(model);
    if (versions.isEmpty()) {
      List<String> models = registry.listModels();
      throw new TriiException("no model named '" + model + "' in the " + registryName
          + (models.isEmpty() ? " (it holds no models yet)" : " (models: " + String.join(", ", models) + ")"));
    }
    return versions;
  }

  /** e.g. {@code 1-5} or {@code 1, 3, 4}. */
  static String versionList(List<ModelVersion> versions) {
    List<Integer> numbers = versions.stream().map(ModelVersion::version).sorted().toList();
    boolean contiguous = numbers.get(numbers.size() - 1) - numbers.get(0) == numbers.size() - 1;
    if (contiguous && numbers.size() > 2) {
      return numbers.get(0) + "-" + numbers.get(numbers.size() - 1);
    }
    return String.join(", ", numbers.stream().map(String::valueOf).toList());
  }
}
