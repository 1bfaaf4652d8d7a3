package dev.trii.scheduler.security;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a console user may do; each role includes the ones before it. A viewer sees everything and changes nothing;
 * an operator also runs pipelines (trigger, retry, cancel, pause, resume, backfill); an admin also promotes and rolls
 * back models and manages users.
 */
public enum Role {
  VIEWER, OPERATOR, ADMIN;

  /** The Spring Security authority, {@code ROLE_VIEWER} etc. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role hierarchy in Spring Security's notation. */
  static String hierarchy() {
    return "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER";
  }

  /**
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String value) {
    return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(value == null ? "" : value.trim()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("role must be viewer, operator or admin, got '"
            + value + "'"));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
