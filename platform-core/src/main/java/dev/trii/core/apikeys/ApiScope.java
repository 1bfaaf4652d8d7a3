package dev.trii.core.apikeys;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a scoring API key may do: {@code predict} (the prediction routes, and the served model's lineage),
 * {@code read-models} (the models, with storage paths and training parameters), {@code admin} (metrics and model
 * rollouts; it includes the other two).
 */
public enum ApiScope {
  PREDICT("predict"),
  READ_MODELS("read-models"),
  ADMIN("admin");

  private final String label;

  ApiScope(String label) {
    this.label = label;
  }

  /** The scope as written in commands, the database and error messages. */
  public String label() {
    return label;
  }

  /** Parses {@code predict}, {@code read-models} or {@code admin}; says which scopes exist otherwise. */
  public static ApiScope of(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + label + "': use "
            + Arrays.stream(values()).map(ApiScope::label).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return label;
  }
}
