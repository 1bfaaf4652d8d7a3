package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.instruments.InstrumentReference;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulator settings: validated with the bad value named, trading dates skip weekends. */
class SimulatorSpecTest {

  private static final LocalDate SATURDAY = LocalDate.of(2024, 3, 9);

  private static SimulatorSpec spec(List<String> symbols, int days, int quotesPerMinute, double trend, double faults) {
    return new SimulatorSpec(symbols, SATURDAY, days, quotesPerMinute, 1L, trend, faults, InstrumentReference.builtIn().calendarNamed("us-equities"));
  }

  @Test
  void startsOnTheNextTradingDayAndSkipsWeekends() {
    SimulatorSpec spec = SimulatorSpec.defaults(List.of("AAPL"), SATURDAY, 6);
    assertThat(spec.tradingDates()).containsExactly(LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 12),
        LocalDate.of(2024, 3, 13), LocalDate.of(2024, 3, 14), LocalDate.of(2024, 3, 15), LocalDate.of(2024, 3, 18));
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> spec(List.of(), 1, 1, 1, 0)).hasMessageContaining("symbols must not be empty");
    assertThatThrownBy(() -> spec(List.of("aapl"), 1, 1, 1, 0)).hasMessageContaining("'aapl'");
    assertThatThrownBy(() -> spec(List.of("AAPL", "AAPL"), 1, 1, 1, 0)).hasMessageContaining("'AAPL' twice");
    assertThatThrownBy(() -> spec(List.of("AAPL"), 0, 1, 1, 0))
        .hasMessageContaining("tradingDays")
        .hasMessageEndingWith("got 0");
    assertThatThrownBy(() -> spec(List.of("AAPL"), 1, 0, 1, 0))
        .hasMessageContaining("quotesPerMinute")
        .hasMessageEndingWith("got 0");
    assertThatThrownBy(() -> spec(List.of("AAPL"), 1, 1, -0.5, 0))
        .hasMessageContaining("imbalanceEffect")
        .hasMessageEndingWith("got -0.5");
    assertThatThrownBy(() -> spec(List.of("AAPL"), 1, 1, Double.NaN, 0)).hasMessageEndingWith("got NaN");
    assertThatThrownBy(() -> spec(List.of("AAPL"), 1, 1, 1, 1.5))
        .hasMessageContaining("faultRate")
        .hasMessageEndingWith("got 1.5");
  }

  @Test
  void describesItselfForProgressOutput() {
    SimulatorSpec spec = SimulatorSpec.defaults(List.of("AAPL", "MSFT"), SATURDAY, 3).withQuotesPerMinute(6);
    assertThat(spec.describe())
        .startsWith("2 symbols × 3 trading days from 2024-03-11 × 6 quotes/minute (14,040 records");
  }
}
