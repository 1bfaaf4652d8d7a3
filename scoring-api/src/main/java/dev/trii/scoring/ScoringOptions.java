package dev.trii.scoring;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
 * @param tls the keystore to serve HTTPS with ({@code TRII_SCORING_TLS_KEYSTORE}); plain HTTP when empty
 * @param keyReload how often the API keys are read again, so a revoked key stops working within it
 * @param drainDelay at shutdown, how long {@code /ready} answers 503 before the server stops taking requests
 *     ({@code TRII_SCORING_DRAIN_SECONDS}); in-flight requests are then finished
 */
public record ScoringOptions(String host, int port, Duration refreshInterval, Duration retryFailedAfter,
    int maxBodyBytes, Duration maxBarAge, Optional<Tls> tls, Duration keyReload, Duration drainDelay) {

  /** 64 KiB: a feature vector is a few hundred bytes. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** A PKCS#12 (or JKS) keystore holding the server's certificate and private key. */
  public record Tls(Path keystore, String password) {

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + "]";
    }
  }

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
    if (keyReload.isNegative() || keyReload.isZero()) {
      throw new IllegalArgumentException("the key reload interval must be > 0, got " + keyReload);
    }
    if (drainDelay.isNegative()) {
      throw new IllegalArgumentException("the drain delay must be >= 0, got " + drainDelay);
    }
  }

  /** From the {@code TRII_SCORING_*} settings. */
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
    int drainSeconds = config.intValue(Settings.SCORING_DRAIN_SECONDS);
    if (drainSeconds < 0 || drainSeconds > 300) {
      throw new TriiException(Settings.SCORING_DRAIN_SECONDS + " must be 0..300 seconds, got " + drainSeconds);
    }
    return new ScoringOptions(host, config.port(Settings.SCORING_PORT), Duration.ofSeconds(refreshSeconds),
        Duration.ofSeconds(60), DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(maxBarAge), tls(config),
        Duration.ofSeconds(5), Duration.ofSeconds(drainSeconds));
  }

  private static Optional<Tls> tls(TriiConfig config) {
    String keystore = config.get(Settings.SCORING_TLS_KEYSTORE).trim();
    if (keystore.isEmpty()) {
      return Optional.empty();
    }
    Path path = Path.of(keystore);
    if (!Files.isReadable(path)) {
      throw new TriiException(Settings.SCORING_TLS_KEYSTORE + " names " + path + ", which is not a readable file");
    }
    return Optional.of(new Tls(path, config.get(Settings.SCORING_TLS_KEYSTORE_PASSWORD)));
  }

  /** Whether it serves HTTPS. */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  public ScoringOptions withPort(int newPort) {
    return new ScoringOptions(host, newPort, refreshInterval, retryFailedAfter, maxBodyBytes, maxBarAge, tls,
        keyReload, drainDelay);
  }

  public ScoringOptions withRefreshInterval(Duration newInterval) {
    return new ScoringOptions(host, port, newInterval, retryFailedAfter, maxBodyBytes, maxBarAge, tls, keyReload,
        drainDelay);
  }

  public ScoringOptions withRetryFailedAfter(Duration newRetry) {
    return new ScoringOptions(host, port, refreshInterval, newRetry, maxBodyBytes, maxBarAge, tls, keyReload,
        drainDelay);
  }

  public ScoringOptions withTls(Tls newTls) {
    return new ScoringOptions(host, port, refreshInterval, retryFailedAfter, maxBodyBytes, maxBarAge,
        Optional.of(newTls), keyReload, drainDelay);
  }

  public ScoringOptions withKeyReload(Duration newReload) {
    return new ScoringOptions(host, port, refreshInterval, retryFailedAfter, maxBodyBytes, maxBarAge, tls, newReload,
        drainDelay);
  }

  public ScoringOptions withDrainDelay(Duration newDelay) {
    return new ScoringOptions(host, port, refreshInterval, retryFailedAfter, maxBodyBytes, maxBarAge, tls, keyReload,
        newDelay);
  }
}
