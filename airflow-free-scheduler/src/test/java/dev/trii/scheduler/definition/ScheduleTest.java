package dev.trii.scheduler.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fire times and data intervals, across both 2026 daylight-saving transitions in New York. */
class ScheduleTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Schedule schedule(String cron) {
    return new Schedule(cron, NEW_YORK, Misfire.RUN_ONCE);
  }

  private static Instant at(String local) {
    return ZonedDateTime.ofLocal(java.time.LocalDateTime.parse(local), NEW_YORK, null).toInstant();
  }

  @Test
  void aDailyTimeInsideTheSpringForwardGapStillFiresThatDayAtTheFirstInstantAfterTheGap() {
    // on 8 March 2026 the clocks jump from 02:00 to 03:00: 02:30 does not exist (Quartz's cron trigger skips the day)
    List<Instant> fires = schedule("0 30 2 * * ?").fireTimes(at("2026-03-07T00:00"), at("2026-03-10T00:00"), 10);

    assertThat(fires).containsExactly(
        Instant.parse("2026-03-07T07:30:00Z"), // 02:30 EST
        Instant.parse("2026-03-08T07:30:00Z"), // 03:30 EDT, the instant 02:30 EST would have been
        Instant.parse("2026-03-09T06:30:00Z")); // 02:30 EDT
  }

  @Test
  void aDailyTimeInsideTheAutumnOverlapFiresOnceAtItsFirstOccurrence() {
    // on 1 November 2026 01:00-02:00 happens twice
    List<Instant> fires = schedule("0 30 1 * * ?").fireTimes(at("2026-10-31T00:00"), at("2026-11-03T00:00"), 10);

    assertThat(fires).containsExactly(
        Instant.parse("2026-10-31T05:30:00Z"), // 01:30 EDT
        Instant.parse("2026-11-01T05:30:00Z"), // the first 01:30 (EDT), not the second
        Instant.parse("2026-11-02T06:30:00Z")); // 01:30 EST
  }

  @Test
  void anHourlyScheduleNeitherRepeatsNorLosesAnInstantAcrossEitherTransition() {
    Schedule hourly = schedule("0 0 * * * ?");
    List<Instant> spring = hourly.fireTimes(at("2026-03-08T00:00"), at("2026-03-08T05:00"), 10);
    assertThat(spring).containsExactly(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-08T06:00:00Z"),
        Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-08T08:00:00Z"));
    List<Instant> autumn = hourly.fireTimes(at("2026-11-01T00:00"), Instant.parse("2026-11-01T09:00:00Z"), 10);
    assertThat(autumn).doesNotHaveDuplicates().isSorted();
    // every interval is contiguous with the one before: no data falls between two runs
    for (int i = 1; i < autumn.size(); i++) {
      assertThat(hourly.intervalEndingAt(autumn.get(i)).start()).isEqualTo(autumn.get(i - 1));
    }
  }

  @Test
  void aMondayRunCoversTheDataSinceFridaysRun() {
    Schedule weekdays = schedule("0 30 17 ? * MON-FRI");
    Instant monday = at("2026-03-09T17:30");

    DataInterval interval = weekdays.intervalEndingAt(monday);

    assertThat(interval.start()).isEqualTo(at("2026-03-06T17:30")); // Friday, before the clocks changed
    assertThat(interval.end()).isEqualTo(monday);
    assertThat(weekdays.latestAtOrBefore(at("2026-03-09T12:00"))).contains(at("2026-03-06T17:30"));
    assertThat(weekdays.latestAtOrBefore(monday)).contains(monday);
    assertThat(weekdays.next(monday)).contains(at("2026-03-10T17:30"));
  }

  @Test
  void refusesAnExpressionThatIsNotACronAndATooLongRange() {
    assertThatThrownBy(() -> schedule("every day at five"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid Quartz cron expression");
    assertThatThrownBy(() -> schedule("0 * * * * ?").fireTimes(at("2026-01-01T00:00"), at("2026-01-02T00:00"), 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 100 fire times");
  }
}
