package dev.trii.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.instruments.InstrumentReference;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StaleQuoteRuleTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final StaleQuoteRule RULE = new StaleQuoteRule(InstrumentReference.builtIn(), Duration.ofMinutes(5));

  private static Instant newYork(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }

  @Test
  void aSymbolSilentForTheThresholdOfOpenMarketIsStale() {
    Instant newest = newYork("2024-04-08T10:00:00");

    assertThat(RULE.stale("AAPL", newest, newYork("2024-04-08T10:04:59"))).isFalse();
    assertThat(RULE.stale("AAPL", newest, newYork("2024-04-08T10:05:00"))).isTrue();
    assertThat(RULE.stale("AAPL", newest, newYork("2024-04-08T15:59:00"))).isTrue();
  }

  @Test
  void countsOnlyOpenMarketTimeSoTheOpenAfterAWeekendIsNotStale() {
    Instant fridayBeforeClose = newYork("2024-04-05T15:58:00");

    assertThat(RULE.stale("AAPL", fridayBeforeClose, newYork("2024-04-08T09:31:00")))
        .as("2 min on Friday + 1 min on Monday").isFalse();
    assertThat(RULE.stale("AAPL", fridayBeforeClose, newYork("2024-04-08T09:33:00")))
        .as("2 min on Friday + 3 min on Monday").isTrue();
  }

  @Test
  void nothingIsStaleWhileItsMarketIsClosed() {
    Instant thursdayClose = newYork("2024-03-28T15:59:00");

    assertThat(RULE.stale("AAPL", thursdayClose, newYork("2024-03-28T20:00:00"))).as("evening").isFalse();
    assertThat(RULE.stale("AAPL", thursdayClose, newYork("2024-03-29T11:00:00"))).as("Good Friday").isFalse();
    assertThat(RULE.stale("AAPL", thursdayClose, newYork("2024-03-30T11:00:00"))).as("Saturday").isFalse();
    assertThat(RULE.stale("AAPL", thursdayClose, newYork("2024-04-01T11:00:00"))).as("Monday").isTrue();
  }

  @Test
  void followsEachSymbolsOwnCalendar() {
    Instant saturday = Instant.parse("2024-04-06T12:00:00Z");

    assertThat(RULE.stale("BTC-USD", saturday.minusSeconds(600), saturday)).as("crypto trades 24x7").isTrue();
    assertThat(RULE.stale("BTC-USD", saturday.minusSeconds(90), saturday)).isFalse();
    assertThat(RULE.stale("EURUSD", saturday.minusSeconds(600), saturday)).as("FX is closed on Saturday").isFalse();
  }

  @Test
  void refusesAThresholdUnderASecond() {
    assertThatThrownBy(() -> new StaleQuoteRule(InstrumentReference.builtIn(), Duration.ofMillis(10)))
        .hasMessageContaining("at least 1s, got PT0.01S");
  }
}
