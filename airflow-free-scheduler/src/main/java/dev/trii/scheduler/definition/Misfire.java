package dev.trii.scheduler.definition;

import java.util.Arrays;
import java.util.Locale;

/** What a schedule does with the fire times it missed while no scheduler node ran (or while it was paused). */
public enum Misfire {
  /** One run, for the latest missed fire time. */
  RUN_ONCE,
  /** None: the schedule goes on from the next fire time. */
  SKIP,
  /** One run for every missed fire time, oldest first. */
  CATCH_UP;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Misfire parse(String value) {
    if (value == null) {
      return RUN_ONCE;
    }
    return Arrays.stream(values()).filter(m -> m.yamlName().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("misfire must be run_once, skip or catch_up, got '"
            + value + "'"));
  }
}
