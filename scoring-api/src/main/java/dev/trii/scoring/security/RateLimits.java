package dev.trii.scoring.security;

import dev.trii.core.apikeys.ApiKey;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One token bucket per key (Bucket4j): a key may make {@code ratePerSecond} requests a second, with bursts up to the
 * same number. A request past it is refused with how long to wait, never queued.
 */
public final class RateLimits {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * Takes one request from the key's bucket.
   *
   * @throws AccessDeniedException (429) when the bucket is empty, with the seconds until a request fits
   */
  public void acquire(ApiKey key) {
    Bucket bucket = buckets.computeIfAbsent(key.prefix(), prefix -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(key.ratePerSecond()).refillGreedy(key.ratePerSecond(),
            Duration.ofSeconds(1)).build())
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
      throw AccessDeniedException.rateLimited("API key " + key.prefix() + " (" + key.name() + ") is over its limit of "
          + key.ratePerSecond() + " requests per second: retry after " + seconds + " s", seconds);
    }
  }
}
