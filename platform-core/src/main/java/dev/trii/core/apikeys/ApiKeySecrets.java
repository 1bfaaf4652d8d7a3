package dev.trii.core.apikeys;

import dev.trii.core.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a scoring API key: {@code trii_sk_<prefix>.<secret>}, a 12-hex-digit public prefix that finds the key's
 * record and 32 random bytes (base64url). Keys carry 256 random bits, so a plain SHA-256 is a safe hash for them (a
 * slow password hash would only slow every request down).
 */
public final class ApiKeySecrets {

  /** Every key starts with this, so that a leaked one is easy to recognize (and scan for). */
  public static final String KEY_START = "trii_sk_";
  private static final Pattern SHAPE = Pattern.compile("trii_sk_([0-9a-f]{12})\\.([A-Za-z0-9_-]{43})");
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
    Matcher matcher = SHAPE.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The SHA-256 (hex) of the whole key, as stored. */
  public static String hash(String key) {
    return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
  }
}
