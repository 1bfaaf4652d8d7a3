package dev.trii.core.apikeys;

import dev.trii.core.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The shape of a scoring API key: {@code trii_sk_<prefix>.<secret>}, a 12-hex-digit public prefix that finds the key's
 * record and 32 random bytes (base64url). Keys carry 256 random bits, so a plain SHA-256 is a safe hash for them (a
 * slow password hash would only slow every request down).
 */
public final class ApiKeySecrets {

  /** Every key starts with this, so that a leaked one is easy to recognize (and scan for). */
  public static final String KEY_START = "trii_sk_";
  private static final int PREFIX_END = KEY_START.length() + 12;
  /** {@code trii_sk_}, 12 hex digits, a dot, and 43 characters of base64url (32 bytes without padding). */
  private static final int KEY_LENGTH = PREFIX_END + 1 + 43;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  /** A key just issued: the only moment it exists outside its holder. */
  public record NewKey(String prefix, String key) {}

  public static NewKey generate() {
    byte[] prefix = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(prefix);
    RANDOM.nextBytes(secret);
    String prefixHex = HexFormat.of().formatHex(prefix);
    return new NewKey(prefixHex, KEY_START + prefixHex + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(secret));
  }

  /** The prefix of a well-formed key, or empty for anything else. */
  public static Optional<String> prefixOf(String key) {
    // checked character by character: it runs on every scoring request, where a regular expression took a microsecond
    if (key.length() != KEY_LENGTH || !key.startsWith(KEY_START) || key.charAt(PREFIX_END) != '.') {
      return Optional.empty();
    }
    for (int i = KEY_START.length(); i < PREFIX_END; i++) {
      char c = key.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return Optional.empty();
      }
    }
    for (int i = PREFIX_END + 1; i < KEY_LENGTH; i++) {
      char c = key.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return Optional.empty();
      }
    }
    return Optional.of(key.substring(KEY_START.length(), PREFIX_END));
  }

  /** The SHA-256 (hex) of the whole key, as stored. */
  public static String hash(String key) {
    return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
  }
}
