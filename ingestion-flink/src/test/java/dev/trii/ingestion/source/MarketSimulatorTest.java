package dev.trii.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.instruments.TradingCalendar;
import dev.trii.core.market.Quote;
import java.math.BigDecimal;
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
    TradingCalendar session = InstrumentReference.builtIn().calendarNamed("us-equities");
    Set<LocalDate> dates = new HashSet<>();
    for (SimulatedRecord record : all(spec())) {
      ZonedDateTime local = Instant.ofEpochMilli(record.quote().eventTime()).atZone(session.zone());
      assertThat(session.isOpen(record.quote().eventTime())).as(record.reference()).isTrue();
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
      Quote quote = record.quote();
      String day = record.reference().split(":")[2];
      SimulatedRecord before = previous.put(quote.symbol() + day, record);
      if (before != null) {
        assertThat(quote.eventTime()).isGreaterThan(before.quote().eventTime());
        assertThat(quote.seq()).isEqualTo(before.quote().seq() + 1);
      } else {
        assertThat(quote.seq()).isEqualTo(1);
      }
      assertThat(record.reference()).isEqualTo("sim:" + quote.symbol() + ":" + day + ":" + quote.seq());
    }
  }

  @Test
  void pricesAreOnCentTicksWithATightSpreadAndSizesAreRoundLots() {
    for (SimulatedRecord record : all(spec().withFaultRate(0))) {
      Quote quote = record.quote();
      assertThat(Math.abs(quote.bid() * 100 - Math.round(quote.bid() * 100))).isLessThan(1e-6);
      assertThat(Math.abs(quote.ask() * 100 - Math.round(quote.ask() * 100))).isLessThan(1e-6);
      assertThat(quote.ask()).isGreaterThanOrEqualTo(quote.bid());
      double spreadBps = (quote.ask() - quote.bid()) / quote.mid() * 1e4;
      assertThat(spreadBps).isLessThan(15);
      assertThat(quote.bidSize().remainder(BigDecimal.valueOf(100)).signum()).isZero();
      assertThat(quote.askSize().remainder(BigDecimal.valueOf(100)).signum()).isZero();
      assertThat(quote.bidSize().signum()).isPositive();
      assertThat(quote.volume().remainder(BigDecimal.valueOf(100)).signum()).isZero();
      if (quote.volume().signum() > 0) {
        assertThat(quote.last()).isIn(quote.bid(), quote.ask());
      } else {
        assertThat(quote.last()).isNaN();
      }
    }
  }

  @Test
  void tradesMoreOftenNearTheOpenAndTheClose() {
    SimulatorSpec spec = SimulatorSpec.defaults(SYMBOLS, FRIDAY, 3).withQuotesPerMinute(10).withFaultRate(0);
    long[] trades = new long[3]; // first 15 minutes, mid-day 15 minutes, last 15 minutes
    for (SimulatedRecord record : all(spec)) {
      double minute = minutesSinceOpen(spec, record.quote().eventTime());
      int bucket = minute < 15 ? 0 : (minute >= 180 && minute < 195) ? 1 : minute >= 375 ? 2 : -1;
      if (bucket >= 0 && record.quote().volume().signum() > 0) {
        trades[bucket]++;
      }
    }
    assertThat(trades[0]).isGreaterThan(trades[1] * 3 / 2);
    assertThat(trades[2]).isGreaterThan(trades[1] * 3 / 2);
  }

  @Test
  void injectsEachFaultKindAtItsShareOfTheFaultRate() {
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
    // 58,500 records: 1,170 faults expected (sd ≈ 34), 84 of each of 14 kinds (sd ≈ 9); duplicates need a clean
    // previous quote in the minute (about 90%), so a few less
    assertThat((double) faulty / total).isBetween(0.0175, 0.0215);
    assertThat(faults).containsOnlyKeys(FaultRates.UNIFORM_KINDS);
    faults.values().forEach(count -> assertThat(count).isBetween(50L, 125L));
  }

  @Test
  void injectsOnlyTheConfiguredKinds() {
    SimulatorSpec spec = spec().withFaults(FaultRates.none().with(SimulatedFault.DUPLICATE, 0.05)
        .with(SimulatedFault.UNKNOWN_SYMBOL, 0.05));
    List<SimulatedRecord> records = all(spec);
    assertThat(records).filteredOn(SimulatedRecord::faulty).extracting(SimulatedRecord::fault)
        .containsOnly(SimulatedFault.DUPLICATE, SimulatedFault.UNKNOWN_SYMBOL);
    for (int i = 0; i < records.size(); i++) {
      SimulatedRecord record = records.get(i);
      if (record.fault() == SimulatedFault.DUPLICATE) {
        // the payload is the symbol's previous quote, sent again
        SimulatedRecord previous = records.get(i - SYMBOLS.size());
        assertThat(previous.quote().symbol()).isEqualTo(record.quote().symbol());
        assertThat(previous.faulty()).isFalse();
        assertThat(record.payload()).isEqualTo(previous.payload());
        assertThat(record.sentEventTime()).isEqualTo(previous.quote().eventTime());
      } else if (record.fault() == SimulatedFault.UNKNOWN_SYMBOL) {
        assertThat(record.payload()).contains("\"symbol\":\"" + record.quote().symbol() + ".X\"");
      }
    }
  }

  @Test
  void movesEventTimesAsEachTimeFaultSays() {
    SimulatorSpec spec = spec().withFaults(FaultRates.none().with(SimulatedFault.OUT_OF_ORDER, 0.02)
        .with(SimulatedFault.LATE_EVENT, 0.02).with(SimulatedFault.FUTURE_TIMESTAMP, 0.02)
        .with(SimulatedFault.STALE_TIMESTAMP, 0.02));
    int seen = 0;
    for (SimulatedRecord record : all(spec)) {
      if (record.fault() == null) {
        assertThat(record.sentEventTime()).isEqualTo(record.quote().eventTime());
        continue;
      }
      seen++;
      long shift = record.quote().eventTime() - record.sentEventTime();
      java.util.regex.Matcher ts = java.util.regex.Pattern.compile("\"ts\":\"([^\"]+)\"").matcher(record.payload());
      assertThat(ts.find()).isTrue();
      assertThat(Instant.parse(ts.group(1)).toEpochMilli()).isEqualTo(record.sentEventTime());
      switch (record.fault()) {
        case OUT_OF_ORDER -> assertThat(shift).isBetween(0L, 40_000L);
        case LATE_EVENT -> assertThat(shift).isBetween(4 * 60_000L, 30 * 60_000L);
        case FUTURE_TIMESTAMP -> assertThat(-shift % (7 * 86_400_000L)).isZero();
        case STALE_TIMESTAMP -> assertThat(shift).isGreaterThanOrEqualTo(2 * 3_600_000L);
        default -> throw new AssertionError(record.fault());
      }
      assertThat(minutesSinceOpen(spec, record.quote().eventTime())).as("not in a session's first minute")
          .isGreaterThanOrEqualTo(1);
    }
    assertThat(seen).isGreaterThan(100);
  }

  @Test
  void silentSymbolsSendNothingForTheirSilence() {
    SimulatorSpec spec = spec().withFaults(FaultRates.none().withSilence(0.5, 20));
    MarketSimulator simulator = new MarketSimulator(spec);
    List<Silences.Silence> silences = simulator.silences().all();
    assertThat(silences).isNotEmpty();
    assertThat(simulator.totalRecords()).isEqualTo(3L * 2 * 390 * 5 - silences.size() * 20L * 5);
    List<SimulatedRecord> records = all(spec);
    assertThat(records).hasSize((int) simulator.totalRecords());
    for (Silences.Silence silence : silences) {
      long from = spec.calendar().openOf(silence.date()) + silence.startMinute() * 60_000L;
      long to = from + silence.minutes() * 60_000L;
      assertThat(records).filteredOn(r -> r.quote().symbol().equals(silence.symbol()))
          .noneMatch(r -> r.quote().eventTime() >= from && r.quote().eventTime() < to)
          .anyMatch(r -> r.quote().eventTime() >= from - 60_000 && r.quote().eventTime() < from)
          .anyMatch(r -> r.quote().eventTime() >= to && r.quote().eventTime() < to + 60_000);
    }
    // random access agrees with reading in order, across silences
    MarketSimulator again = new MarketSimulator(spec);
    for (long index : new long[] {records.size() - 1, 0, 5000, 4999, 2000, 7001}) {
      assertThat(again.record(index)).isEqualTo(records.get((int) index));
    }
    // the rest of the market is unchanged by silences
    Map<String, String> loud = new HashMap<>();
    all(spec().withFaults(FaultRates.none())).forEach(r -> loud.put(r.reference(), r.payload()));
    assertThat(records).allMatch(r -> r.payload().equals(loud.get(r.reference())));
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
      assertThat(b.reference()).isEqualTo(a.reference());
      assertThat(b.quote()).isEqualTo(a.quote());
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
        .filter(r -> r.quote().symbol().equals("MSFT"))
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

  private static double minutesSinceOpen(SimulatorSpec spec, long eventTime) {
    return (eventTime - spec.calendar().openOf(spec.calendar().tradingDate(eventTime))) / 60_000.0;
  }
}
