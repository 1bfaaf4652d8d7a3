package dev.trii.scheduler.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Backoff between attempts: doubling from the first delay, capped. */
class RetryPolicyTest {

  @Test
  void theWaitDoublesAfterEachRetryUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(2));

    assertThat(policy.delayBefore(1)).isZero();
    assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(120));
    assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void refusesRetriesOutOfRange() {
    assertThatThrownBy(() -> new RetryPolicy(11, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("retries must be in [0, 10], got 11");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
        .hasMessageContaining("retry-delay must be between 0 and 1 h");
  }
}
