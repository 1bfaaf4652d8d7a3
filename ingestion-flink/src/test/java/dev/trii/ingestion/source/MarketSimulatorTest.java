package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.market.TradingSession;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator's records: deterministic, inside the session, realistic, with the configured faults. */
class MarketSimulatorTest {

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BRK.B");
  /** A Friday: the second trading day is the Monday after. */
  private static final LocalDate FRIDAY = LocalDate.of(2024, 3, 8);

  private static SimulatorSpec spec() {
    return SimulatorSpec.defaults(SYMBOLS, FRIDAY, 2).withQuotesPerMinute(5).withFaultRate(0.01);
  }

  private static List<SimulatedRecord> all(SimulatorSpec spec) {
    MarketSimulator simulator = new MarketSimulator(spec);
    List<SimulatedRecord> records = new ArrayList<>();
    for (long i = 0; i < simulator.totalRecords(); i++) {
      records.add(simulator.record(i));
    }
    return records;
  }

  @Test
  void sameSeedGivesIdenticalRecords() {
    assertThat(all(spec())).isEqualTo(all(spec()));
  }

  @Test
  void differentSeedGivesDifferentRecords() {
    List<SimulatedRecord> a = all(spec().withSeed(1));
    List<SimulatedRecord> b = all(spec().withSeed(2));
    assertThat(a).hasSameSizeAs(b);
    long samePayloads = 0;
    for (int i = 0; i < a.size(); i++) {
      samePayloads += a.get(i).payload().equals(b.get(i).payload()) ? 1 : 0;
    }
    assertThat(samePayloads).isZero();
  }

  @Test
  void countsSymbolsTimesDaysTimesSessionMinutesTimesQuotesPerMinute() {
    assertThat(new MarketSimulator(spec()).totalRecords()).isEqualTo(3L * 2 * 390 * 5);
    assertThat(all(spec())).hasSize(3 * 2 * 390 * 5);
  }

  @Test
  void randomAccessGivesTheSameRecordsAsReadingInOrder() {
    List<SimulatedRecord> inOrder = all(spec());
    MarketSimulator simulator = new MarketSimulator(spec());
    for (long index : new long[] {4000, 17, 4001, 0, inOrder.size() - 1, 2345, 2344, 1169, 1170}) {
      assertThat(simulator.record(index)).isEqualTo(inOrder.get((int) index));
    }
  }

  @Test
  void rejectsIndexOutsideTheSimulation() {
    MarketSimulator simulator = new MarketSimulator(spec());
    assertThatThrownBy(() -> simulator.record(simulator.totalRecords()))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining(String.valueOf(simulator.totalRecords()));
  }

  @Test
  void quotesOnlyDuringTheSessionOnWeekdays() {
    TradingSession session = TradingSession.US_EQUITIES;
    Set<LocalDate> dates = new HashSet<>();
    for (SimulatedRecord record : all(spec())) {
      ZonedDateTime local = Instant.ofEpochMilli(record.eventTime()).atZone(session.zone());
      assertThat(session.isOpen(record.eventTime())).as(record.reference()).isTrue();
      assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 30), LocalTime.of(15, 59, 59, 999_000_000));
      dates.add(local.toLocalDate());
    }
    assertThat(dates).containsExactlyInAnyOrder(FRIDAY, FRIDAY.plusDays(3));
    assertThat(FRIDAY.plusDays(3).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
  }

  @Test
  void eventTimeAndSequenceIncreasePerSymbolAndDay() {
    Map<String, SimulatedRecord> previous = new HashMap<>();
    for (SimulatedRecord record : all(spec())) {
      String day = record.reference().split(":")[2];
      SimulatedRecord before = previous.put(record.symbol() + day, record);
      if (before != null) {
        assertThat(record.eventTime()).isGreaterThan(before.eventTime());
        assertThat(record.seq()).isEqualTo(before.seq() + 1);
      } else {
        assertThat(record.seq()).isEqualTo(1);
      }
      assertThat(record.reference()).isEqualTo("sim:" + record.symbol() + ":" + day + ":" + record.seq());
    }
  }

  @Test
  void pricesAreOnCentTicksWithATightSpreadAndSizesAreRoundLots() {
    for (SimulatedRecord record : all(spec().withFaultRate(0))) {
      assertThat(Math.abs(record.bid() * 100 - Math.round(record.bid() * 100))).isLessThan(1e-6);
      assertThat(Math.abs(record.ask() * 100 - Math.round(record.ask() * 100))).isLessThan(1e-6);
      assertThat(record.ask()).isGreaterThanOrEqualTo(record.bid());
      double spreadBps = (record.ask() - record.bid()) / record.mid() * 1e4;
      assertThat(spreadBps).isLessThan(15);
      assertThat(record.bidSize() % 100).isZero();
      assertThat(record.askSize() % 100).isZero();
      assertThat(record.bidSize()).isPositive();
      assertThat(record.volume() % 100).isZero();
      if (record.volume() > 0) {
        assertThat(record.last()).isIn(record.bid(), record.ask());
      } else {
        assertThat(record.last()).isNaN();
      }
    }
  }

  @Test
  void tradesMoreOftenNearTheOpenAndTheClose() {
    SimulatorSpec spec = SimulatorSpec.defaults(SYMBOLS, FRIDAY, 3).withQuotesPerMinute(10).withFaultRate(0);
    long[] trades = new long[3]; // first 15 minutes, mid-day 15 minutes, last 15 minutes
    for (SimulatedRecord record : all(spec)) {
      double minute = spec.session().minutesSinceOpen(record.eventTime());
      int bucket = minute < 15 ? 0 : (minute >= 180 && minute < 195) ? 1 : minute >= 375 ? 2 : -1;
      if (bucket >= 0 && record.volume() > 0) {
        trades[bucket]++;
      }
    }
    assertThat(trades[0]).isGreaterThan(trades[1] * 3 / 2);
    assertThat(trades[2]).isGreaterThan(trades[1] * 3 / 2);
  }

  @Test
  void injectsEachFaultKindAtAQuarterOfTheFaultRate() {
    SimulatorSpec spec = SimulatorSpec.defaults(SYMBOLS, FRIDAY, 5).withQuotesPerMinute(10).withFaultRate(0.02);
    Map<SimulatedFault, Long> faults = new EnumMap<>(SimulatedFault.class);
    long total = 0;
    for (SimulatedRecord record : all(spec)) {
      total++;
      if (record.faulty()) {
        faults.merge(record.fault(), 1L, Long::sum);
      }
    }
    long faulty = faults.values().stream().mapToLong(Long::longValue).sum();
    // 58,500 records: expected 1,170 faults (sd ≈ 34), 292 of each kind (sd ≈ 17)
    assertThat((double) faulty / total).isBetween(0.018, 0.022);
    assertThat(faults).containsOnlyKeys(SimulatedFault.values());
    faults.values().forEach(count -> assertThat(count).isBetween(220L, 365L));
  }

  @Test
  void noFaultsAtFaultRateZero() {
    assertThat(all(spec().withFaultRate(0))).noneMatch(SimulatedRecord::faulty);
  }

  @Test
  void faultRateDoesNotChangeTheMarket() {
    List<SimulatedRecord> clean = all(spec().withFaultRate(0));
    List<SimulatedRecord> faulty = all(spec().withFaultRate(0.2));
    for (int i = 0; i < clean.size(); i++) {
      SimulatedRecord a = clean.get(i);
      SimulatedRecord b = faulty.get(i);
      assertThat(List.of(b.reference(), b.eventTime(), b.bid(), b.ask(), b.volume()))
          .isEqualTo(List.of(a.reference(), a.eventTime(), a.bid(), a.ask(), a.volume()));
      if (!b.faulty()) {
        assertThat(b.payload()).isEqualTo(a.payload());
      }
    }
  }

  @Test
  void aSymbolsPathDoesNotDependOnTheOtherSymbols() {
    List<String> alone = all(SimulatorSpec.defaults(List.of("MSFT"), FRIDAY, 2).withQuotesPerMinute(5)).stream()
        .map(SimulatedRecord::payload)
        .toList();
    List<String> withOthers = all(spec().withFaultRate(SimulatorSpec.DEFAULT_FAULT_RATE)).stream()
        .filter(r -> r.symbol().equals("MSFT"))
        .map(SimulatedRecord::payload)
        .toList();
    assertThat(withOthers).isEqualTo(alone);
  }

  @Test
  void cleanPayloadCarriesEveryField() {
    SimulatedRecord first = all(spec().withFaultRate(0)).get(0);
    assertThat(first.payload())
        .startsWith("{\"symbol\":\"AAPL\",\"ts\":\"2024-03-08T14:30:")
        .contains("\"bid\":", "\"ask\":", "\"bid_size\":", "\"ask_size\":", "\"last\":", "\"volume\":", "\"seq\":1}");
  }
}
