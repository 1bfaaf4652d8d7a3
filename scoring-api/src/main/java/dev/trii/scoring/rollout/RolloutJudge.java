package dev.trii.scoring.rollout;

import java.time.Duration;
import java.util.Locale;

/**
 * Judges a canary stage: wait until the challenger has answered enough requests for long enough, then roll back when
 * its error rate or p99 latency regressed against the champion's, else move on.
 */
final class RolloutJudge {

  private RolloutJudge() {}

  /** What to do with the stage. */
  enum Decision { WAIT, ADVANCE, ROLL_BACK }

  record Verdict(Decision decision, String reason) {}

  /**
   * @param champion the champion's requests since the rollout started (the baseline)
   * @param challenger the challenger's requests in this stage
   * @param stageAge how long the stage has run
   */
  static Verdict judge(ArmStats.Snapshot champion, ArmStats.Snapshot challenger, Duration stageAge,
      RolloutPolicy policy) {
    if (challenger.requests() < policy.minRequests() || stageAge.compareTo(policy.minStageDuration()) < 0) {
      return new Verdict(Decision.WAIT, String.format(Locale.ROOT, "%d of %d requests, %ds of %ds",
          challenger.requests(), policy.minRequests(), stageAge.toSeconds(), policy.minStageDuration().toSeconds()));
    }
    double allowed = champion.errorRate() + policy.maxErrorRateIncrease();
    if (challenger.errorRate() > allowed) {
      return new Verdict(Decision.ROLL_BACK, String.format(Locale.ROOT,
          "error rate %.2f%% (%d of %d) against the champion's %.2f%% (%d of %d): more than %.2f points worse",
          100 * challenger.errorRate(), challenger.errors(), challenger.requests(), 100 * champion.errorRate(),
          champion.errors(), champion.requests(), 100 * policy.maxErrorRateIncrease()));
    }
    if (champion.latencySamples() > 0 && challenger.latencySamples() > 0) {
      long limit = (long) (champion.p99Nanos() * policy.maxP99Ratio()) + policy.p99Slack().toNanos();
      if (challenger.p99Nanos() > limit) {
        return new Verdict(Decision.ROLL_BACK, String.format(Locale.ROOT,
            "p99 scoring latency %.3f ms against the champion's %.3f ms: over x%.2f + %.3f ms",
            challenger.p99Nanos() / 1e6, champion.p99Nanos() / 1e6, policy.maxP99Ratio(),
            policy.p99Slack().toNanos() / 1e6));
      }
    }
    return new Verdict(Decision.ADVANCE, String.format(Locale.ROOT,
        "error rate %.2f%% vs %.2f%%, p99 %.3f ms vs %.3f ms over %d requests", 100 * challenger.errorRate(),
        100 * champion.errorRate(), challenger.p99Nanos() / 1e6, champion.p99Nanos() / 1e6, challenger.requests()));
  }
}
