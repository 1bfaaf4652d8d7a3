package dev.trii.scheduler.definition;

import java.time.Duration;

/**
 * How a pipeline's failed task is tried again: up to {@code retries} more attempts, the first after
 * {@code firstDelay}, each later one after twice the delay before it, never more than {@code maxDelay}. Every
 * attempt after the first restarts the task's Spring Batch job execution, so the job resumes from its failed step
 * instead of starting over.
 *
 * @param retries attempts after the first; range [0, 10]
 * @param firstDelay wait before the first retry; range [0, 1 h]
 * @param maxDelay the longest wait between attempts
 */
public record RetryPolicy(int retries, Duration firstDelay, Duration maxDelay) {

  /** No automatic retry (a failed run can still be retried by hand). */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofSeconds(30), Duration.ofMinutes(10));

  public RetryPolicy {
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("retries must be in [0, 10], got " + retries);
    }
    if (firstDelay == null || firstDelay.isNegative() || firstDelay.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("retry-delay must be between 0 and 1 h, got " + firstDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(firstDelay) < 0) {
      maxDelay = firstDelay;
    }
  }

  /** The wait before attempt {@code attempt} (2 = the first retry): first delay × 2^(attempt - 2), capped. */
  public Duration delayBefore(int attempt) {
    if (attempt < 2) {
      return Duration.ZERO;
    }
    long millis = firstDelay.toMillis();
    for (int i = 2; i < attempt && millis < maxDelay.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
