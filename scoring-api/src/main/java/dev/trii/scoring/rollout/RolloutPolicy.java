package dev.trii.scoring.rollout;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.time.Duration;

/**
 * When a canary stage is judged, and what counts as a regression.
 *
 * @param minRequests requests the challenger must have answered in the stage before it is judged
 * @param minStageDuration how long a stage lasts at least
 * @param maxErrorRateIncrease how much higher the challenger's error rate may be than the champion's (0.01: one
 *     point)
 * @param maxP99Ratio how many times the champion's p99 scoring latency the challenger's may be
 * @param p99Slack latency differences below this never count (a 20 µs model is not a regression of a 10 µs one)
 */
public record RolloutPolicy(long minRequests, Duration minStageDuration, double maxErrorRateIncrease,
    double maxP99Ratio, Duration p99Slack) {

  public RolloutPolicy {
    if (minRequests < 1 || minStageDuration.isNegative() || maxErrorRateIncrease < 0 || maxP99Ratio < 1
        || p99Slack.isNegative()) {
      throw new IllegalArgumentException("invalid rollout policy: " + minRequests + " requests, "
          + minStageDuration + ", +" + maxErrorRateIncrease + " errors, x" + maxP99Ratio + " p99, slack " + p99Slack);
    }
  }

  /** From the {@code TRII_ROLLOUT_*} settings. */
  public static RolloutPolicy from(TriiConfig config) {
    try {
      return new RolloutPolicy(config.intValue(Settings.ROLLOUT_MIN_REQUESTS),
          Duration.ofSeconds(config.intValue(Settings.ROLLOUT_MIN_STAGE_SECONDS)),
          Double.parseDouble(config.get(Settings.ROLLOUT_MAX_ERROR_RATE_INCREASE)),
          Double.parseDouble(config.get(Settings.ROLLOUT_MAX_P99_RATIO)),
          Duration.ofMillis(config.intValue(Settings.ROLLOUT_P99_SLACK_MS)));
    } catch (IllegalArgumentException e) {
      throw new TriiException("the TRII_ROLLOUT_* settings: " + e.getMessage(), e);
    }
  }
}
