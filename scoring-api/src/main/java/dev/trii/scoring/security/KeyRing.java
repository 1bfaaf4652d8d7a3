package dev.trii.scoring.security;

import dev.trii.core.apikeys.ApiKey;
import dev.trii.core.apikeys.ApiKeySecrets;
import dev.trii.core.apikeys.ApiKeys;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The valid API keys, held in memory so that checking a request costs a hash and a map lookup, not a query. It is
 * reloaded from the database every {@code refreshInterval} (so a revoked key stops working within it). An unknown
 * prefix is looked up at once (so a key made a moment ago works at once), at most {@value #LOOKUPS_PER_SECOND} times a
 * second so that made-up keys cannot flood the database. Expiry is checked on every request. Which keys were used is
 * written back at each reload.
 */
public final class KeyRing {

  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
  static final int LOOKUPS_PER_SECOND = 20;

  private final ApiKeys keys;
  private final Clock clock;
  private volatile Map<String, ApiKey> byPrefix = Map.of();
  private final Bucket lookups = Bucket.builder().addLimit(Bandwidth.builder().capacity(LOOKUPS_PER_SECOND)
      .refillGreedy(LOOKUPS_PER_SECOND, Duration.ofSeconds(1)).build()).build();
  private final Set<String> usedSinceReload = ConcurrentHashMap.newKeySet();
  /**
   * The presented secret that last matched each stored hash: a request with the same secret is compared (in constant
   * time) instead of hashed again, which was a tenth of a predict request's own work. Only secrets that matched a
   * valid key's hash are kept, at most one per key, and only while that key is loaded.
   */
  private final Map<String, byte[]> verifiedByHash = new ConcurrentHashMap<>();

  public KeyRing(ApiKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Reads the valid keys again and records which were used since the last reload. */
  public synchronized void reload() {
    if (!recordUse()) {
      return;
    }
    try {
      byPrefix = keys.valid().stream().collect(Collectors.toUnmodifiableMap(ApiKey::prefix, Function.identity()));
      Set<String> loaded = byPrefix.values().stream().map(ApiKey::keyHash).collect(Collectors.toSet());
      verifiedByHash.keySet().retainAll(loaded);
    } catch (RuntimeException e) {
      log.warn("cannot read the scoring API keys (keeping the {} loaded before): {}", byPrefix.size(), e.toString());
    }
  }

  /**
   * The key an {@code Authorization} header carries.
   *
   * @throws AccessDeniedException (401) when the header is missing, is not {@code Bearer <key>}, or the key is
   *     unknown, revoked or expired
   */
  public ApiKey authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw AccessDeniedException.unauthenticated("this route needs an API key: send 'Authorization: Bearer <key>' "
          + "(create one with ./trii api-keys create)");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw AccessDeniedException.unauthenticated("the Authorization header must be 'Bearer <key>'");
    }
    String presented = authorization.substring(7).trim();
    Optional<String> prefix = ApiKeySecrets.prefixOf(presented);
    if (prefix.isEmpty()) {
      throw AccessDeniedException.unauthenticated("that is not a TRII API key (they look like "
          + ApiKeySecrets.KEY_START + "<12 hex digits>.<43 characters>)");
    }
    ApiKey key = byPrefix.get(prefix.get());
    if (key == null && lookups.tryConsume(1)) {
      key = lookUp(prefix.get());
    }
    if (key == null || !matches(key, presented)) {
      throw AccessDeniedException.unauthenticated("unknown or revoked API key " + prefix.get());
    }
    if (!key.validAt(clock.instant())) {
      throw AccessDeniedException.unauthenticated("API key " + key.prefix() + " (" + key.name() + ") expired at "
          + key.expiresAt() + ": use the key that replaced it");
    }
    if (!usedSinceReload.contains(key.prefix())) { // a read on the hot path: the add would lock the same bin each time
      usedSinceReload.add(key.prefix());
    }
    return key;
  }

  private boolean matches(ApiKey key, String presented) {
    byte[] secret = presented.getBytes(StandardCharsets.US_ASCII);
    byte[] verified = verifiedByHash.get(key.keyHash());
    if (verified != null && MessageDigest.isEqual(verified, secret)) {
      return true;
    }
    if (!MessageDigest.isEqual(key.keyHash().getBytes(StandardCharsets.US_ASCII),
        ApiKeySecrets.hash(presented).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    verifiedByHash.put(key.keyHash(), secret);
    return true;
  }

  /**
   * Writes which keys were used since the last time ({@code last_used_at}); false when the database cannot be reached
   * (the uses are kept for the next try).
   */
  public synchronized boolean recordUse() {
    List<String> used = List.copyOf(usedSinceReload);
    usedSinceReload.removeAll(used);
    try {
      keys.markUsed(used, clock.instant());
      return true;
    } catch (RuntimeException e) {
      usedSinceReload.addAll(used);
      log.warn("cannot record the use of {} scoring API keys (will try again): {}", used.size(), e.toString());
      return false;
    }
  }

  /** A key issued since the last reload: read alone and added. */
  private synchronized ApiKey lookUp(String prefix) {
    ApiKey found = byPrefix.get(prefix);
    if (found != null) {
      return found;
    }
    try {
      found = keys.validByPrefix(prefix).orElse(null);
    } catch (RuntimeException e) {
      log.warn("cannot look API key {} up: {}", prefix, e.toString());
      return null;
    }
    if (found != null) {
      Map<String, ApiKey> more = new HashMap<>(byPrefix);
      more.put(prefix, found);
      byPrefix = Map.copyOf(more);
    }
    return found;
  }

  /** How many keys are loaded. */
  public int size() {
    return byPrefix.size();
  }
}
