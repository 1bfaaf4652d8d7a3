package dev.trii.core.config;

import java.util.Locale;

/** How a process logs ({@code TRII_LOG_FORMAT}): human-readable text lines, or one JSON object per line. */
public enum LogFormat {
  /** Human-readable lines, the default: for a terminal. */
  TEXT,
  /** One JSON object per line in the operations handbook's shape ({@link dev.trii.core.logging.LogEventJson}): for a log pipeline. */
  JSON;

  /**
   * The format a setting's value names, case aside.
   *
   * @throws TriiException naming {@code TRII_LOG_FORMAT} when the value is neither {@code text} nor {@code json}
   */
  public static LogFormat parse(String value) {
    String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new TriiException(Settings.LOG_FORMAT + " must be text or json, got '" + value + "'");
    };
  }
}
