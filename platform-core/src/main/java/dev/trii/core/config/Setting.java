package dev.trii.core.config;

/**
 * One documented setting of the platform.
 *
 * @param key name in a properties file ({@code trii.properties})
 * @param env environment variable that overrides the file
 * @param defaultValue value when neither file nor environment sets it ("" means unset)
 * @param secret true when the value must never be printed or logged
 * @param description what it controls, as the README shows it
 */
public record Setting(String key, String env, String defaultValue, boolean secret, String description) {

  /** A setting that is safe to print. */
  public static Setting of(String key, String env, String defaultValue, String description) {
    return new Setting(key, env, defaultValue, false, description);
  }

  /** A setting whose value is never printed (passwords, secret keys). */
  public static Setting secret(String key, String env, String defaultValue, String description) {
    return new Setting(key, env, defaultValue, true, description);
  }

  /** How error messages name this setting: the environment variable users are most likely to set. */
  @Override
  public String toString() {
    return env;
  }
}
