package dev.trii.scoring;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.time.Duration;

/**
 * How the scoring API runs.
 *
 * @param host interface to bind ({@code TRII_SCORING_HOST}, 127.0.0.1 unless configured; {@code 0.0.0.0}: all)
 * @param port HTTP port, 0 for any free port ({@code TRII_SCORING_PORT})
 * @param refreshInterval how often the champion alias is checked ({@code TRII_SCORING_REFRESH_SECONDS})
 * @param retryFailedAfter how long a version that failed to load is left alone before it is tried again
 * @param maxBodyBytes largest prediction request body accepted
 * @param maxBarAge a prediction by symbol whose latest bar ended longer ago is flagged {@code stale}
 *     ({@code TRII_SCORING_MAX_BAR_AGE_SECONDS})
 */
public record ScoringOptions(String host, int port, Duration refreshInterval, Duration retryFailedAfter,
    int maxBodyBytes, Duration maxBarAge) {

  /** 64 KiB: a feature vector is a few hundred bytes. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public ScoringOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("refresh interval must be > 0, got " + refreshInterval);
    }
    if (retryFailedAfter.isNegative()) {
      throw new IllegalArgumentException("retry interval must be >= 0, got " + retryFailedAfter);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("body limit must be > 0 bytes, got " + maxBodyBytes);
    }
    if (maxBarAge == null || maxBarAge.isNegative() || maxBarAge.isZero()) {
      throw new IllegalArgumentException("the largest bar age must be > 0, got " + maxBarAge);
    }
  }

  /** From configuration: {@code TRII_SCORING_HOST}, {@code TRII_SCORING_PORT}, {@code TRII_SCORING_REFRESH_SECONDS}. */
  public static ScoringOptions from(TriiConfig config) {
    int refreshSeconds = config.intValue(Settings.SCORING_REFRESH_SECONDS);
    if (refreshSeconds < 1 || refreshSeconds > 3600) {
      throw new TriiException(Settings.SCORING_REFRESH_SECONDS + " must be 1..3600 seconds, got " + refreshSeconds);
    }
    int maxBarAge = config.intValue(Settings.SCORING_MAX_BAR_AGE_SECONDS);
    if (maxBarAge < 1) {
      throw new TriiException(Settings.SCORING_MAX_BAR_AGE_SECONDS + " must be >= 1 second, got " + maxBarAge);
    }
    String host = config.get(Settings.SCORING_HOST).trim();
    if (host.isEmpty()) {
      throw new TriiException(Settings.SCORING_HOST + " must name an interface such as 127.0.0.1 or 0.0.0.0");
    }
    return new ScoringOptions(host, config.port(Settings.SCORING_PORT), Duration.ofSeconds(refreshSeconds),
        Duration.ofSeconds(60), DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(maxBarAge));
  }

  public ScoringOptions withPort(int newPort) {
    return new ScoringOptions(host, newPort, refreshInterval, retryFailedAfter, maxBodyBytes, maxBarAge);
  }

  public ScoringOptions withRefreshInterval(Duration newInterval) {
    return new ScoringOptions(host, port, newInterval, retryFailedAfter, maxBodyBytes, maxBarAge);
  }

  public ScoringOptions withRetryFailedAfter(Duration newRetry) {
    return new ScoringOptions(host, port, refreshInterval, newRetry, maxBodyBytes, maxBarAge);
  }
}
