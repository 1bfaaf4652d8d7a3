package dev.trii.core.instruments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TradingCalendarTest {

  private static final InstrumentReference REFERENCE = InstrumentReference.builtIn();
  private static final TradingCalendar EQUITIES = REFERENCE.calendarNamed("us-equities");
  private static final TradingCalendar FX = REFERENCE.calendarNamed("fx");
  private static final TradingCalendar CRYPTO = REFERENCE.calendarNamed("crypto");
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private static long utc(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void equitySessionFollowsNewYorkTimeAcrossDaylightSaving() {
    assertThat(EQUITIES.session(LocalDate.of(2024, 1, 2)))
        .isEqualTo(new Session(LocalDate.of(2024, 1, 2), utc("2024-01-02T14:30:00Z"), utc("2024-01-02T21:00:00Z")));
    assertThat(EQUITIES.session(LocalDate.of(2024, 3, 11)))
        .isEqualTo(new Session(LocalDate.of(2024, 3, 11), utc("2024-03-11T13:30:00Z"), utc("2024-03-11T20:00:00Z")));
    assertThat(EQUITIES.minutesOn(LocalDate.of(2024, 1, 2))).isEqualTo(390);
  }

  @Test
  void equityHolidaysHaveNoSessionAndEarlyClosesEndAtOne() {
    assertThat(EQUITIES.session(LocalDate.of(2024, 7, 4))).isNull();
    assertThat(EQUITIES.session(LocalDate.of(2024, 3, 29))).as("Good Friday").isNull();
    assertThat(EQUITIES.session(LocalDate.of(2024, 1, 6))).as("Saturday").isNull();
    Session halfDay = EQUITIES.session(LocalDate.of(2024, 7, 3));
    assertThat(halfDay.close()).isEqualTo(utc("2024-07-03T17:00:00Z"));
    assertThat(halfDay.minutes()).isEqualTo(210);
    assertThat(EQUITIES.isOpen(utc("2024-07-03T16:59:00Z"))).isTrue();
    assertThat(EQUITIES.isOpen(utc("2024-07-03T17:00:00Z"))).isFalse();
  }

  @Test
  void equityOpenTimeSkipsNightsWeekendsAndHolidays() {
    // Thursday 15:00 New York to Monday 10:30 over Good Friday: one hour Thursday, one hour Monday
    long thursday = utc("2024-03-28T19:00:00Z");
    long monday = utc("2024-04-01T14:30:00Z");
    assertThat(EQUITIES.openMillisBetween(thursday, monday, Long.MAX_VALUE)).isEqualTo(2 * HOUR);
    assertThat(EQUITIES.plusOpenTime(utc("2024-03-28T19:58:00Z"), 5 * MINUTE))
        .isEqualTo(utc("2024-04-01T13:33:00Z"));
  }

  @Test
  void fxTradesFromSundayEveningToFridayEveningNewYork() {
    assertThat(FX.isOpen(utc("2024-01-05T21:59:00Z"))).as("Friday 16:59 New York").isTrue();
    assertThat(FX.isOpen(utc("2024-01-05T22:00:00Z"))).as("Friday 17:00 New York").isFalse();
    assertThat(FX.isOpen(utc("2024-01-06T15:00:00Z"))).as("Saturday").isFalse();
    assertThat(FX.isOpen(utc("2024-01-07T21:59:00Z"))).as("Sunday 16:59 New York").isFalse();
    assertThat(FX.isOpen(utc("2024-01-07T22:00:00Z"))).as("Sunday 17:00 New York").isTrue();
    assertThat(FX.tradingDate(utc("2024-01-07T22:00:00Z"))).isEqualTo(LocalDate.of(2024, 1, 8));
    assertThat(FX.tradingDate(utc("2024-01-08T21:59:00Z"))).isEqualTo(LocalDate.of(2024, 1, 8));
    assertThat(FX.tradingDate(utc("2024-01-08T22:00:00Z"))).isEqualTo(LocalDate.of(2024, 1, 9));
    assertThat(FX.minutesOn(LocalDate.of(2024, 1, 8))).isEqualTo(1440);
    // Friday 16:00 to Sunday 18:00 New York: the weekend is closed
    assertThat(FX.openMillisBetween(utc("2024-01-05T21:00:00Z"), utc("2024-01-07T23:00:00Z"), Long.MAX_VALUE))
        .isEqualTo(2 * HOUR);
  }

  @Test
  void fxSessionOpensAtSeventeenNewYorkOnBothSidesOfDaylightSaving() {
    assertThat(FX.session(LocalDate.of(2024, 3, 11)).open()).isEqualTo(utc("2024-03-10T21:00:00Z"));
    assertThat(FX.session(LocalDate.of(2024, 3, 8)).open()).isEqualTo(utc("2024-03-07T22:00:00Z"));
    assertThat(FX.tradingDateShift()).isEqualTo(Duration.ofHours(7));
  }

  @Test
  void cryptoNeverCloses() {
    assertThat(CRYPTO.isOpen(utc("2024-01-06T03:00:00Z"))).isTrue();
    assertThat(CRYPTO.session(LocalDate.of(2024, 12, 25)))
        .isEqualTo(new Session(LocalDate.of(2024, 12, 25), utc("2024-12-25T00:00:00Z"), utc("2024-12-26T00:00:00Z")));
    assertThat(CRYPTO.tradingDate(utc("2024-01-06T23:59:59Z"))).isEqualTo(LocalDate.of(2024, 1, 6));
    long friday = utc("2024-01-05T20:00:00Z");
    assertThat(CRYPTO.openMillisBetween(friday, friday + 72 * HOUR, Long.MAX_VALUE)).isEqualTo(72 * HOUR);
    assertThat(CRYPTO.plusOpenTime(friday, 5 * MINUTE)).isEqualTo(friday + 5 * MINUTE);
    assertThat(CRYPTO.tradingDateShift()).isZero();
  }

  @Test
  void openTimeStopsCountingAtTheCap() {
    long from = utc("2024-01-02T15:00:00Z");
    assertThat(EQUITIES.openMillisBetween(from, from + Duration.ofDays(3650).toMillis(), 10 * MINUTE))
        .isGreaterThan(10 * MINUTE).isLessThanOrEqualTo(6 * HOUR + 30 * MINUTE);
    assertThat(EQUITIES.openMillisBetween(from, from, 0)).isZero();
  }
}
