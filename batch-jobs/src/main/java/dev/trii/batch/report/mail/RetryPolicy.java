package dev.trii.batch.report.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a mailing whose send failed is tried again: after the first failed attempt the first delay, after the second
 * the second, and so on; once every delay is used, the next failure gives the mailing up. A server that is down for
 * a few hours is thus waited for, a wrong address or a refused login is not retried forever.
 *
 * @param delays the wait after each failed attempt, in order (at least one, each positive)
 */
public record RetryPolicy(List<Duration> delays) {

  /** 1 min, 5 min, 30 min, 2 h, then given up: {@value #DEFAULT_MAX_ATTEMPTS} attempts in all. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2)));

  /** How many times the default policy tries a mailing before it gives it up. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  public RetryPolicy {
    delays = List.copyOf(delays);
    if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException("retry delays must be at least one, each positive, got " + delays);
    }
  }

  /** How many attempts a mailing gets in all. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * The wait before the next attempt, after {@code failedAttempts} attempts failed; empty when the mailing is to be
   * given up.
   */
  public Optional<Duration> delayAfter(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failed attempts must be at least 1, got " + failedAttempts);
    }
    return failedAttempts < maxAttempts() ? Optional.of(delays.get(failedAttempts - 1)) : Optional.empty();
  }
}
