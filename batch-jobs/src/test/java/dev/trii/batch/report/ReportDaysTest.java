package dev.trii.batch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.batch.support.DataWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Which days a report run writes, and where a restarted run goes on. */
class ReportDaysTest {

  private static final List<LocalDate> WEEK = List.of(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 1),
      LocalDate.of(2026, 12, 2));

  @Test
  void namedDatesWinAndOneDateIsADay() {
    ReportDays days = ReportDays.of("2026-11-30", "2026-12-02",
        windowOf("2026-12-03T22:30:00Z", "2026-12-04T22:30:00Z"));

    assertThat(days).isEqualTo(new ReportDays(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 2), false));
    assertThat(ReportDays.of("2026-12-04", null, DataWindow.NONE).describe()).isEqualTo("2026-12-04");
  }

  @Test
  void aScheduledRunReportsTheDaysItsIntervalBrought() {
    // Friday 17:30 New York to Monday 17:30: Saturday and Sunday of 24x7 markets, then Monday
    ReportDays days = ReportDays.of(null, null, windowOf("2026-12-04T22:30:00Z", "2026-12-07T22:30:00Z"));

    assertThat(days).isEqualTo(new ReportDays(LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 7), false));
  }

  @Test
  void withNothingGivenItIsTheLatestDay() {
    assertThat(ReportDays.of(null, " ", DataWindow.NONE).describe()).isEqualTo("the latest trading day with bars");
  }

  @Test
  void badDatesAreRefusedWithTheParameterNamed() {
    assertThatThrownBy(() -> ReportDays.of("04/12/2026", null, DataWindow.NONE))
        .hasMessage("reportFrom must be a date like 2026-12-04, got '04/12/2026'");
    assertThatThrownBy(() -> ReportDays.of("2026-12-04", "2026-12-01", DataWindow.NONE))
        .hasMessage("reportTo 2026-12-01 is before reportFrom 2026-12-04");
    assertThatThrownBy(() -> ReportDays.of(null, "2026-12-01", DataWindow.NONE))
        .hasMessage("give reportFrom with reportTo");
  }

  @Test
  void aRestartedReaderGoesOnFromTheFirstDayNotWritten() throws Exception {
    ReportDaysReader first = new ReportDaysReader(() -> WEEK);
    ExecutionContext context = new ExecutionContext();
    first.open(context);
    assertThat(first.read()).isEqualTo(WEEK.get(0));
    first.update(context); // the chunk of the first day committed; the second then failed
    first.close();

    ReportDaysReader restarted = new ReportDaysReader(() -> WEEK);
    restarted.open(context);
    List<LocalDate> read = new ArrayList<>();
    for (LocalDate day = restarted.read(); day != null; day = restarted.read()) {
      read.add(day);
    }

    assertThat(read).containsExactly(WEEK.get(1), WEEK.get(2));
  }

  private static DataWindow windowOf(String from, String to) {
    return new DataWindow(Instant.parse(from), Instant.parse(to), Instant.parse(to));
  }
}
