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
    return reason("AAPL", eventTime, streamTime);
  }

  private RejectReason reason(String symbol, long eventTime, long streamTime) {
    Violation violation = rules.checkWallClock(eventTime, WALL);
    if (violation == null && streamTime != Long.MIN_VALUE) {
      violation = rules.check(symbol, eventTime, streamTime);
    }
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
  void countsFutureTimeInEachSymbolsOwnCalendar() {
    long fridayClose = Instant.parse("2024-01-05T20:59:00Z").toEpochMilli(); // 15:59 New York
    long saturday = Instant.parse("2024-01-06T15:00:00Z").toEpochMilli();
    long mondayOpen = Instant.parse("2024-01-08T14:33:00Z").toEpochMilli(); // 09:33
    assertThat(reason("AAPL", mondayOpen, fridayClose)).as("equities: a weekend is not future").isNull();
    assertThat(reason("BTC-USD", saturday, fridayClose)).as("crypto trades all weekend")
        .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    long sundayEvening = Instant.parse("2024-01-07T22:03:00Z").toEpochMilli(); // 17:03 New York
    long fridayFxClose = Instant.parse("2024-01-05T21:59:00Z").toEpochMilli(); // 16:59 New York
    assertThat(reason("EURUSD", sundayEvening, fridayFxClose)).as("FX: Friday 17:00 to Sunday 17:00 is closed")
        .isNull();
    assertThat(reason("EURUSD", sundayEvening + 180_000, fridayFxClose)).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    long goodFriday = Instant.parse("2024-03-28T19:59:00Z").toEpochMilli(); // Thursday 15:59 before Good Friday
    long easterMonday = Instant.parse("2024-04-01T13:33:00Z").toEpochMilli(); // Monday 09:33
    assertThat(reason("AAPL", easterMonday, goodFriday)).as("a holiday is not future").isNull();
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
    assertThat(lenient.check("AAPL", NOW + 86_400_000L * 365, NOW)).isNull();
    assertThat(lenient.checkWallClock(WALL + 86_400_000L * 365, WALL)).isNull();
    assertThat(lenient.check("AAPL", NOW - 86_400_000L * 365, NOW).reason()).isEqualTo(RejectReason.LATE_EVENT);
  }
}
