package dev.trii.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.market.RejectReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The event-time rules against a stream time, and the watermark it implies. */
class EventTimeRulesTest {

  private static final long NOW = Instant.parse("2024-01-02T15:00:00Z").toEpochMilli(); // 10:00 New York
  private static final long WALL = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private final EventTimeRules rules = new EventTimeRules(IngestionRules.defaults());

  private RejectReason reason(long eventTime, long streamTime) {
    Violation violation = rules.check(eventTime, streamTime, WALL);
    return violation == null ? null : violation.reason();
  }

  @Test
  void derivesTheWatermarkFromTheStreamTime() {
    assertThat(rules.watermark(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(rules.watermark(NOW + 5_999)).isEqualTo(NOW - 1);
    assertThat(rules.watermark(NOW + 6_000)).isEqualTo(NOW + 999);
  }

  @Test
  void acceptsOutOfOrderAndSlightlyLateEventsAndRejectsEventsBeyondTheLateness() {
    assertThat(reason(NOW - 4_000, NOW)).isNull();
    assertThat(reason(NOW - 64_000, NOW)).isNull(); // watermark NOW - 5 s - 1 ms, lateness 60 s
    assertThat(reason(NOW - 65_001, NOW)).isEqualTo(RejectReason.LATE_EVENT);
  }

  @Test
  void rejectsStaleTimestamps() {
    assertThat(reason(NOW - 3_600_000, NOW)).isEqualTo(RejectReason.LATE_EVENT);
    assertThat(reason(NOW - 3_600_001, NOW)).isEqualTo(RejectReason.STALE_TIMESTAMP);
  }

  @Test
  void rejectsFutureTimestampsInOpenMarketTime() {
    assertThat(reason(NOW + 300_000, NOW)).isNull();
    assertThat(reason(NOW + 300_001, NOW)).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    long close = Instant.parse("2024-01-02T20:59:00Z").toEpochMilli(); // 15:59 New York
    long nextOpen = Instant.parse("2024-01-03T14:33:00Z").toEpochMilli(); // 09:33
    assertThat(reason(nextOpen, close)).as("overnight: 4 minutes of open market").isNull();
    assertThat(reason(nextOpen + 120_000, close)).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
  }

  @Test
  void judgesTheFirstRecordOnlyAgainstTheWallClock() {
    assertThat(reason(NOW - 365L * 86_400_000, Long.MIN_VALUE)).isNull();
    assertThat(reason(WALL + 86_400_001, Long.MIN_VALUE)).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
  }

  @Test
  void turnsOffTheOptionalBounds() {
    EventTimeRules lenient = new EventTimeRules(IngestionRules.defaults().with(java.util.Map.of(
        IngestionRules.MAX_FUTURE, "0", IngestionRules.MAX_AGE, "0", IngestionRules.MAX_FUTURE_WALL_CLOCK, "0")));
    assertThat(lenient.check(NOW + 86_400_000L * 365, NOW, WALL)).isNull();
    assertThat(lenient.check(WALL + 86_400_000L * 365, NOW, WALL)).isNull();
    assertThat(lenient.check(NOW - 86_400_000L * 365, NOW, WALL).reason()).isEqualTo(RejectReason.LATE_EVENT);
  }
}
