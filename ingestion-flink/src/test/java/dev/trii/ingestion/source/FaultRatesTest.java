package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fault rates: an even spread, single kinds, silences; bad rates named. */
class FaultRatesTest {

  @Test
  void spreadsAUniformRateOverEveryKindButUnknownSymbols() {
    FaultRates rates = FaultRates.uniform(0.015);
    assertThat(rates.rates().keySet()).isEqualTo(FaultRates.UNIFORM_KINDS)
        .doesNotContain(SimulatedFault.UNKNOWN_SYMBOL);
    assertThat(rates.total()).isCloseTo(0.015, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(rates.rate(SimulatedFault.DUPLICATE)).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FaultRates.none().total()).isZero();
    assertThat(FaultRates.none().with(SimulatedFault.LATE_EVENT, 0.1).withSilence(0.5, 10).describe())
        .isEqualTo("LATE_EVENT 0.1000; silences 0.50 per symbol-day × 10 min");
  }

  @Test
  void namesBadRates() {
    assertThatThrownBy(() -> FaultRates.uniform(1.5)).hasMessage("faultRate must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> FaultRates.none().with(SimulatedFault.DUPLICATE, -0.1))
        .hasMessage("rate of DUPLICATE must be in [0, 1], got -0.1");
    assertThatThrownBy(() -> new FaultRates(Map.of(SimulatedFault.DUPLICATE, 0.6, SimulatedFault.LATE_EVENT, 0.6), 0,
        10)).hasMessage("fault rates must add up to at most 1, got 1.2");
    assertThatThrownBy(() -> FaultRates.none().withSilence(0.5, 0)).hasMessage("silenceMinutes must be in [1, 600], "
        + "got 0");
    dev.trii.core.instruments.TradingCalendar short_ = new dev.trii.core.instruments.TradingCalendar("short",
        java.time.ZoneOffset.UTC, LocalTime.of(9, 0), 600, java.util.EnumSet.allOf(java.time.DayOfWeek.class),
        Set.of(), Map.of());
    assertThatThrownBy(() -> new SimulatorSpec(List.of("A"), LocalDate.of(2024, 1, 2), 1, 1, 1, 1,
        FaultRates.none().withSilence(0.5, 10), short_)).hasMessageContaining("silenceMinutes must leave half an hour");
  }

  @Test
  void silencesArePartOfTheSettingsAndReproducible() {
    SimulatorSpec spec = SimulatorSpec.defaults(List.of("AAPL", "MSFT"), LocalDate.of(2024, 1, 2), 10)
        .withFaults(FaultRates.none().withSilence(0.3, 15));
    List<Silences.Silence> silences = Silences.of(spec).all();
    assertThat(silences).isEqualTo(Silences.of(spec).all()).isNotEmpty();
    assertThat(silences).allSatisfy(s -> assertThat(s.startMinute()).isBetween(30, 390 - 30 - 15));
    assertThat(spec.totalRecords()).isEqualTo(2L * 10 * 390 * 60 - silences.size() * 15L * 60);
  }
}
