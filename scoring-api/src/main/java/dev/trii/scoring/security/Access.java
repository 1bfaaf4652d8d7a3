package dev.trii.scoring.security;

import dev.trii.core.apikeys.ApiKey;
import dev.trii.core.apikeys.ApiScope;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Who may call a route: the request's key is authenticated ({@link KeyRing}), must hold one of the route's scopes,
 * and is charged one request against its rate limit ({@link RateLimits}), in that order.
 */
public final class Access {

  private final KeyRing keys;
  private final RateLimits limits;

  public Access(KeyRing keys, RateLimits limits) {
    this.keys = keys;
    this.limits = limits;
  }

  /**
   * The caller's key, when it may use a route that needs one of {@code anyOf}.
   *
   * @throws AccessDeniedException 401, 403 or 429
   */
  public ApiKey check(String authorization, ApiScope... anyOf) {
    ApiKey key = keys.authenticate(authorization);
    if (!allowsAny(key, anyOf)) {
      throw AccessDeniedException.forbidden("API key " + key.prefix() + " (" + key.name() + ") lacks the scope this "
          + "route needs: " + Arrays.stream(anyOf).map(ApiScope::label).collect(Collectors.joining(" or ")));
    }
    limits.acquire(key);
    return key;
  }

  private static boolean allowsAny(ApiKey key, ApiScope[] scopes) {
    for (ApiScope scope : scopes) { // a loop, not a stream: every request asks
      if (key.allows(scope)) {
        return true;
      }
    }
    return false;
  }
}
