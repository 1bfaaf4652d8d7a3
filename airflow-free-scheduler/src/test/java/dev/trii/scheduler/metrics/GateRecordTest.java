package dev.trii.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.PromotionDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateRecordTest {

  private static PromotionDecision decision(int version, boolean... checks) {
    List<GateCheck> evaluated = new ArrayList<>();
    boolean passed = true;
    for (int i = 0; i < checks.length; i++) {
      evaluated.add(new GateCheck("check " + i, 0.5, 0.4, checks[i], "detail"));
      passed &= checks[i];
    }
    return new PromotionDecision("m", version, null, passed, evaluated, "summary",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version), passed
            ? PromotionDecision.Outcome.PROMOTED : PromotionDecision.Outcome.KEPT);
  }

  @Test
  void countsTheFailuresSinceTheLastPassingDecision() {
    // newest first: v5 and v4 failed after v3 passed
    GateRecord record = GateRecord.of(List.of(decision(5, true, false), decision(4, false, true),
        decision(3, true, true), decision(2, false, false), decision(1, true, true)));

    assertThat(record.consecutiveFailures()).isEqualTo(2);
    assertThat(record.passed()).isEqualTo(2);
    assertThat(record.failed()).isEqualTo(3);
    assertThat(record.latestChecks()).isEqualTo(Map.of("check 0", true, "check 1", false));
  }

  @Test
  void aPassingLatestDecisionEndsTheStreak() {
    GateRecord record = GateRecord.of(List.of(decision(2, true), decision(1, false)));

    assertThat(record.consecutiveFailures()).isZero();
    assertThat(record.latestChecks()).isEqualTo(Map.of("check 0", true));
  }

  @Test
  void everyDecisionCountsWhenNoneEverPassed() {
    assertThat(GateRecord.of(List.of(decision(2, false), decision(1, false))).consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void aModelWithoutDecisionsHasAnEmptyRecord() {
    assertThat(GateRecord.of(List.of())).isEqualTo(new GateRecord(Map.of(), 0, 0, 0));
  }
}
