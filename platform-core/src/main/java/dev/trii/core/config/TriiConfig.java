package dev.trii.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The platform's resolved configuration. Each value comes from, in rising precedence: the default in
 * {@link Settings}, the properties file ({@code TRII_CONFIG} or {@code $TRII_HOME/trii.properties}),
 * the environment, and explicit overrides (e.g. values the launcher hands to the services it starts).
 */
public final class TriiConfig {

  private final Map<Setting, String> values;

  private TriiConfig(Map<Setting, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Configuration of this process: defaults, file and environment. */
  public static TriiConfig load() {
    return load(System.getenv(), Map.of());
  }

  /** Configuration from the given environment and overrides (tests and child processes use this). */
  public static TriiConfig load(Map<String, String> environment, Map<Setting, String> overrides) {
    Map<Setting, String> resolved = new LinkedHashMap<>();
    for (Setting setting : Settings.all()) {
      resolved.put(setting, setting.defaultValue());
    }
    Map<Setting, String> fromEnv = new LinkedHashMap<>();
    for (Setting setting : Settings.all()) {
      String value = environment.get(setting.env());
      if (value != null && !value.isBlank()) {
        fromEnv.put(setting, value.trim());
      }
    }
    String home = fromEnv.getOrDefault(Settings.HOME, overrides.getOrDefault(Settings.HOME, Settings.HOME.defaultValue()));
    String configFile = fromEnv.getOrDefault(Settings.CONFIG_FILE, overrides.get(Settings.CONFIG_FILE));
    resolved.putAll(readFile(configFile, expandHome(home)));
    resolved.putAll(fromEnv);
    resolved.putAll(overrides);
    TriiConfig config = new TriiConfig(resolved);
    config.logFormat(); // a process must not start logging in a format nobody asked for
    return config;
  }

  private static Map<Setting, String> readFile(String explicit, Path home) {
    Path file = explicit == null || explicit.isBlank() ? home.resolve("trii.properties") : expandHome(explicit);
    if (!Files.isRegularFile(file)) {
      if (explicit != null && !explicit.isBlank()) {
        throw new TriiException("configuration file " + file + " (TRII_CONFIG) does not exist");
      }
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new TriiException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    Map<Setting, String> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      Setting setting = Settings.all().stream()
          .filter(s -> s.key().equals(key))
          .findFirst()
          .orElseThrow(() -> new TriiException("unknown setting '" + key + "' in " + file
              + " (known: " + Settings.all().stream().map(Setting::key).toList() + ")"));
      values.put(setting, properties.getProperty(key).trim());
    }
    return values;
  }

  /** This configuration with some values replaced. */
  public TriiConfig with(Setting setting, String value) {
    Map<Setting, String> copy = new LinkedHashMap<>(values);
    copy.put(setting, value);
    return new TriiConfig(copy);
  }

  /** The raw value ("" when unset). */
  public String get(Setting setting) {
    return values.getOrDefault(setting, "");
  }

  /** The value, or empty when it is unset or blank. */
  public Optional<String> optional(Setting setting) {
    String value = get(setting);
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public int intValue(Setting setting) {
    String value = get(setting);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new TriiException(setting + " must be a whole number, got '" + value + "'");
    }
  }

  /**
   * How the process logs ({@code TRII_LOG_FORMAT}).
   *
   * @throws TriiException when the value is neither {@code text} nor {@code json}
   */
  public LogFormat logFormat() {
    return LogFormat.parse(get(Settings.LOG_FORMAT));
  }

  /** A port number (0 allowed, meaning "any free port"). */
  public int port(Setting setting) {
    int port = intValue(setting);
    if (port < 0 || port > 65535) {
      throw new TriiException(setting + " must be a port between 0 and 65535, got " + port);
    }
    return port;
  }

  public List<String> list(Setting setting) {
    return optional(setting)
        .map(v -> List.of(v.split("\\s*,\\s*")))
        .orElse(List.of());
  }

  public Path path(Setting setting) {
    return expandHome(get(setting));
  }

  /** Local state folder ({@code TRII_HOME}), created on first use. */
  public Path home() {
    Path home = path(Settings.HOME);
    try {
      return Files.createDirectories(home);
    } catch (IOException e) {
      throw new TriiException("cannot create " + home + " (TRII_HOME): " + e.getMessage(), e);
    }
  }

  /**
   * The values that differ from their defaults as environment variables, so a child process started with
   * them resolves the same configuration.
   */
  public Map<String, String> asEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    values.forEach((setting, value) -> {
      if (!value.equals(setting.defaultValue())) {
        env.put(setting.env(), value);
      }
    });
    return env;
  }

  /** Every setting with its value, secrets masked: safe to print. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    for (Setting setting : Settings.all()) {
      String value = get(setting);
      described.put(setting.env(), setting.secret() && !value.isEmpty() ? "******" : value);
    }
    return described;
  }

  static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    return Path.of(path);
  }
}
