package dev.trii.scoring.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.scoring.rollout.RolloutJudge.Decision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutJudgeTest {

  private static final RolloutPolicy POLICY = new RolloutPolicy(100, Duration.ofSeconds(60), 0.01, 2.0,
      Duration.ofMillis(1));
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(61);

  private static ArmStats.Snapshot arm(long requests, long errors, long p99Micros) {
    return new ArmStats.Snapshot(requests, errors, (int) Math.min(requests, ArmStats.LATENCY_SAMPLES),
        p99Micros * 1000);
  }

  @Test
  void waitsForEnoughRequestsAndTime() {
    assertThat(RolloutJudge.judge(arm(1000, 0, 50), arm(99, 50, 50), LONG_ENOUGH, POLICY).decision())
        .as("too few challenger requests, however bad").isEqualTo(Decision.WAIT);
    assertThat(RolloutJudge.judge(arm(1000, 0, 50), arm(500, 0, 50), Duration.ofSeconds(59), POLICY).decision())
        .as("stage too young").isEqualTo(Decision.WAIT);
  }

  @Test
  void rollsBackWhenTheErrorRateRisesByMoreThanTheAllowance() {
    RolloutJudge.Verdict worse = RolloutJudge.judge(arm(1000, 10, 50), arm(200, 5, 50), LONG_ENOUGH, POLICY);
    RolloutJudge.Verdict within = RolloutJudge.judge(arm(1000, 10, 50), arm(200, 4, 50), LONG_ENOUGH, POLICY);

    assertThat(worse.decision()).as("2.5 % vs 1 %: 1.5 points worse").isEqualTo(Decision.ROLL_BACK);
    assertThat(worse.reason()).contains("error rate 2.50%", "1.00%");
    assertThat(within.decision()).as("2 % vs 1 %: at the allowance").isEqualTo(Decision.ADVANCE);
  }

  @Test
  void rollsBackWhenTheP99IsOverTheRatioPlusTheSlack() {
    // limit: 2 x 800 µs + 1 ms = 2.6 ms
    assertThat(RolloutJudge.judge(arm(1000, 0, 800), arm(200, 0, 2700), LONG_ENOUGH, POLICY).decision())
        .isEqualTo(Decision.ROLL_BACK);
    assertThat(RolloutJudge.judge(arm(1000, 0, 800), arm(200, 0, 2500), LONG_ENOUGH, POLICY).decision())
        .isEqualTo(Decision.ADVANCE);
    // ten times slower, but 10 µs against 100 µs is inside the slack
    assertThat(RolloutJudge.judge(arm(1000, 0, 10), arm(200, 0, 100), LONG_ENOUGH, POLICY).decision())
        .isEqualTo(Decision.ADVANCE);
  }

  @Test
  void withoutChampionTrafficOnlyTheAllowanceBoundsTheErrorRate() {
    assertThat(RolloutJudge.judge(arm(0, 0, 0), arm(200, 1, 50), LONG_ENOUGH, POLICY).decision())
        .isEqualTo(Decision.ADVANCE);
    assertThat(RolloutJudge.judge(arm(0, 0, 0), arm(200, 3, 50), LONG_ENOUGH, POLICY).decision())
        .isEqualTo(Decision.ROLL_BACK);
  }
}
