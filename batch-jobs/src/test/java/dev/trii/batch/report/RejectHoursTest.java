package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectHoursTest {

  private static final Instant OPEN = Instant.parse("2026-11-19T14:30:00Z");
  private static final Instant CLOSE = Instant.parse("2026-11-19T21:00:00Z");

  @Test
  void bucketsEveryHourOfTheWindowFromTheHourItOpensIn() {
    RejectHours hours = RejectHours.of(List.of(), OPEN, CLOSE);

    assertThat(hours.hours()).hasSize(7).first().isEqualTo(Instant.parse("2026-11-19T14:00:00Z"));
    assertThat(hours.hours().get(6)).isEqualTo(Instant.parse("2026-11-19T20:00:00Z"));
    assertThat(hours.isEmpty()).isTrue();
    assertThat(hours.total()).isZero();
    assertThat(hours.count("CROSSED_MARKET", 0)).isZero();
  }

  @Test
  void addsUpEachReasonPerHourAndOverTheDayTheLargestFirst() {
    RejectHours hours = RejectHours.of(List.of(
        count("2026-11-19T15:00:00Z", "CROSSED_MARKET", "AAA", 2),
        count("2026-11-19T15:00:00Z", "CROSSED_MARKET", "BBB", 1),
        count("2026-11-19T18:00:00Z", "SPREAD_TOO_WIDE", "BBB", 1),
        count("2026-11-19T20:00:00Z", "CROSSED_MARKET", "AAA", 4)), OPEN, CLOSE);

    assertThat(hours.reasons()).containsExactly("CROSSED_MARKET", "SPREAD_TOO_WIDE");
    assertThat(hours.count("CROSSED_MARKET", 1)).isEqualTo(3);
    assertThat(hours.count("CROSSED_MARKET", 6)).isEqualTo(4);
    assertThat(hours.count("SPREAD_TOO_WIDE", 4)).isEqualTo(1);
    assertThat(hours.count("SPREAD_TOO_WIDE", 1)).isZero();
    assertThat(hours.totals()).containsExactly(new RejectHours.Total("CROSSED_MARKET", 7, List.of("AAA", "BBB")),
        new RejectHours.Total("SPREAD_TOO_WIDE", 1, List.of("BBB")));
    assertThat(hours.byReason()).containsExactly(Map.entry("CROSSED_MARKET", 7L), Map.entry("SPREAD_TOO_WIDE", 1L));
    assertThat(hours.total()).isEqualTo(8);
  }

  @Test
  void stretchesToRejectsOfTheTradingDateOutsideTheSessions() {
    RejectHours hours = RejectHours.of(List.of(
        count("2026-11-19T05:12:00Z", "STALE_TIMESTAMP", "AAA", 1),
        count("2026-11-20T02:00:00Z", "LATE_EVENT", "AAA", 1)), OPEN, CLOSE);

    assertThat(hours.hours()).first().isEqualTo(Instant.parse("2026-11-19T05:00:00Z"));
    assertThat(hours.hours()).last().isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
    assertThat(hours.hours()).hasSize(22);
    assertThat(hours.count("STALE_TIMESTAMP", 0)).isEqualTo(1);
    assertThat(hours.count("LATE_EVENT", 21)).isEqualTo(1);
  }

  @Test
  void aReasonTieIsOrderedByName() {
    RejectHours hours = RejectHours.of(List.of(count("2026-11-19T15:00:00Z", "SPREAD_TOO_WIDE", "AAA", 2),
        count("2026-11-19T16:00:00Z", "CROSSED_MARKET", "AAA", 2)), OPEN, CLOSE);

    assertThat(hours.reasons()).containsExactly("CROSSED_MARKET", "SPREAD_TOO_WIDE");
  }

  @Test
  void aWindowOnTheHourEndsWithTheHourBeforeItsEnd() {
    RejectHours hours = RejectHours.of(List.of(), Instant.parse("2026-11-19T00:00:00Z"),
        Instant.parse("2026-11-20T00:00:00Z"));

    assertThat(hours.hours()).hasSize(24).last().isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
  }

  private static RejectHours.Count count(String hour, String reason, String symbol, long rejects) {
    return new RejectHours.Count(Instant.parse(hour), reason, symbol, rejects);
  }
}
