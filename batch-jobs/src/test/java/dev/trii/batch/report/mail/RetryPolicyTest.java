package dev.trii.batch.report.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a failed mailing is tried again, and when it is given up. */
class RetryPolicyTest {

  @Test
  void theDefaultWaitsLongerAfterEachFailureThenGivesUp() {
    RetryPolicy policy = RetryPolicy.DEFAULT;

    assertThat(policy.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS).isEqualTo(5);
    assertThat(List.of(1, 2, 3, 4, 5)).map(policy::delayAfter).containsExactly(Optional.of(Duration.ofMinutes(1)),
        Optional.of(Duration.ofMinutes(5)), Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofHours(2)),
        Optional.empty());
    assertThat(policy.delayAfter(9)).isEmpty();
  }

  @Test
  void delaysMustBeGivenAndPositive() {
    assertThatThrownBy(() -> new RetryPolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
