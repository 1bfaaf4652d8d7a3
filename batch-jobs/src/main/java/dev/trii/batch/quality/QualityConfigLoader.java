package dev.trii.batch.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.config.YamlBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the quality thresholds: the built-in {@code quality.yaml} on the classpath, with the values of an override
 * file laid over it (a file may set only the keys it changes), bound by Jackson to {@link QualityFile}. Unknown
 * sections or keys and values of the wrong kind fail with the file, the key and the value named.
 */
public final class QualityConfigLoader {

  /** The built-in thresholds, on the classpath. */
  public static final String DEFAULT_RESOURCE = "quality.yaml";

  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]*");

  private QualityConfigLoader() {}

  /** The built-in thresholds. */
  public static QualityConfig loadDefault() {
    YamlBinding binding = new YamlBinding("quality thresholds file classpath:" + DEFAULT_RESOURCE);
    return build(binding, binding.tree(builtIn()), "classpath:" + DEFAULT_RESOURCE);
  }

  /**
   * The built-in thresholds with the file's values laid over them.
   *
   * @throws TriiException when the file is missing, not YAML, or holds an unknown key or a bad value
   */
  public static QualityConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TriiException("quality thresholds file " + file + " (TRII_QUALITY_FILE) does not exist");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TriiException("cannot read quality thresholds file " + file + ": " + e.getMessage(), e);
    }
    ObjectNode values = new YamlBinding("quality thresholds file classpath:" + DEFAULT_RESOURCE).tree(builtIn());
    YamlBinding binding = new YamlBinding("quality thresholds file " + file);
    YamlBinding.overlay(values, binding.tree(text));
    return build(binding, values, file + " over classpath:" + DEFAULT_RESOURCE);
  }

  /** The thresholds of this configuration: the file {@code TRII_QUALITY_FILE} names over the built-in ones. */
  public static QualityConfig load(TriiConfig config) {
    return config.optional(Settings.QUALITY_FILE)
        .map(file -> load(config.path(Settings.QUALITY_FILE)))
        .orElseGet(QualityConfigLoader::loadDefault);
  }

  private static String builtIn() {
    try (InputStream in = QualityConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new TriiException("the built-in " + DEFAULT_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TriiException("cannot read the built-in " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static QualityConfig build(YamlBinding binding, ObjectNode values, String source) {
    QualityFile file = binding.bind(values, QualityFile.class);
    try {
      return new QualityConfig(
          required(file.completeness(), QualityFile.Completeness::minShare, "completeness.min_share", source),
          required(file.gaps(), QualityFile.Minutes::maxMinutes, "gaps.max_minutes", source),
          required(file.duplicates(), QualityFile.RateAndReasons::maxRate, "duplicates.max_rate", source),
          reasons(binding, required(file.duplicates(), QualityFile.RateAndReasons::reasons, "duplicates.reasons",
              source), "duplicates.reasons"),
          required(file.outOfOrder(), QualityFile.RateAndReasons::maxRate, "out_of_order.max_rate", source),
          reasons(binding, required(file.outOfOrder(), QualityFile.RateAndReasons::reasons, "out_of_order.reasons",
              source), "out_of_order.reasons"),
          required(file.outliers(), QualityFile.Outliers::robustZ, "outliers.robust_z", source),
          required(file.outliers(), QualityFile.Outliers::maxShare, "outliers.max_share", source),
          required(file.outliers(), QualityFile.Outliers::minReturns, "outliers.min_returns", source),
          required(file.staleness(), QualityFile.Minutes::maxMinutes, "staleness.max_minutes", source),
          required(file.staleEvents(), QualityFile.Events::maxEvents, "stale_events.max_events", source),
          required(file.rejectRate(), QualityFile.Rate::maxRate, "reject_rate.max_rate", source),
          source);
    } catch (IllegalArgumentException e) {
      throw new TriiException("quality thresholds " + source + ": " + e.getMessage(), e);
    }
  }

  private static <S, T> T required(S section, Function<S, T> key, String name, String source) {
    T value = section == null ? null : key.apply(section);
    if (value == null) {
      throw new TriiException("quality thresholds " + source + ": " + name + " is missing");
    }
    return value;
  }

  private static List<String> reasons(YamlBinding binding, List<String> reasons, String name) {
    if (reasons.isEmpty()) {
      throw binding.invalid(name, "must be a non-empty list of reject reason codes");
    }
    for (String reason : reasons) {
      if (reason == null || !REASON.matcher(reason.trim()).matches()) {
        throw binding.invalid(name, "holds '" + reason + "', not a reason code like DUPLICATE");
      }
    }
    return reasons.stream().map(String::trim).toList();
  }
}
