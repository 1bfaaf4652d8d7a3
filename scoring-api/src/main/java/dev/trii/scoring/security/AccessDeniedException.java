package dev.trii.scoring.security;

/**
 * A request the API refuses before doing anything: no usable key (401), a key without the route's scope (403), or a
 * key past its rate limit (429, with how many seconds to wait).
 */
public final class AccessDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why, as an HTTP status. */
  public enum Reason {
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    RATE_LIMITED(429);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;
  private final long retryAfterSeconds;

  private AccessDeniedException(Reason reason, String message, long retryAfterSeconds) {
    super(message);
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static AccessDeniedException unauthenticated(String message) {
    return new AccessDeniedException(Reason.UNAUTHENTICATED, message, 0);
  }

  static AccessDeniedException forbidden(String message) {
    return new AccessDeniedException(Reason.FORBIDDEN, message, 0);
  }

  static AccessDeniedException rateLimited(String message, long retryAfterSeconds) {
    return new AccessDeniedException(Reason.RATE_LIMITED, message, retryAfterSeconds);
  }

  public Reason reason() {
    return reason;
  }

  /** For 429: whole seconds until the key may call again (at least 1). */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
