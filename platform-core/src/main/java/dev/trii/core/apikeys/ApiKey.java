package dev.trii.core.apikeys;

import java.time.Instant;
import java.util.Set;

/**
 * A scoring API key as stored: never the key itself, only its public prefix (which names it in lists and logs) and
 * the hash that a presented key is checked against.
 *
 * @param ratePerSecond requests per second the key may make (its bucket also holds that many for bursts)
 * @param expiresAt when it stops being valid (the end of a rotation's overlap), if ever
 */
public record ApiKey(long id, String name, String prefix, String keyHash, Set<ApiScope> scopes, int ratePerSecond,
    Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

  public ApiKey {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the key is accepted at {@code now}: not revoked and not expired. */
  public boolean validAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** Whether the key may do what {@code scope} allows: it has that scope, or {@code admin}. */
  public boolean allows(ApiScope scope) {
    return scopes.contains(scope) || scopes.contains(ApiScope.ADMIN);
  }

  /** How lists show its state at {@code now}: active, expires, expired or revoked. */
  public String stateAt(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    if (expiresAt == null) {
      return "active";
    }
    return now.isBefore(expiresAt) ? "expiring" : "expired";
  }
}
