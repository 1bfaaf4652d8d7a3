package dev.trii.core.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentReferenceTest {

  private static final InstrumentReference BUILT_IN = InstrumentReference.builtIn();

  @TempDir
  Path dir;

  @Test
  void symbolsResolveByPatternAndDefault() {
    assertThat(BUILT_IN.instrument("AAPL")).extracting(Instrument::assetClass, i -> i.calendar().name(), Instrument::rule)
        .containsExactly(AssetClass.EQUITY, "us-equities", "default");
    assertThat(BUILT_IN.instrument("USDTHB").assetClass()).isEqualTo(AssetClass.FX);
    assertThat(BUILT_IN.instrument("EURUSD").calendar().name()).isEqualTo("fx");
    assertThat(BUILT_IN.instrument("BTC-USD").assetClass()).isEqualTo(AssetClass.CRYPTO);
    assertThat(BUILT_IN.instrument("BTCUSD").assetClass()).as("not an ISO currency pair").isEqualTo(AssetClass.CRYPTO);
    assertThat(BUILT_IN.instrument("ABCDEF").assetClass()).as("six letters, not currencies")
        .isEqualTo(AssetClass.EQUITY);
    assertThat(BUILT_IN.instrument("USDUSD").assetClass()).isEqualTo(AssetClass.EQUITY);
  }

  @Test
  void equityHolidaysCoverThePublishedNyseCalendar() throws IOException {
    TradingCalendar nyse = BUILT_IN.calendarNamed("us-equities");
    List<LocalDate> reference;
    try (InputStream in = getClass().getResourceAsStream("nyse-holidays-timedate.csv")) {
      reference = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(String::trim)
          .filter(line -> !line.isEmpty()).map(LocalDate::parse).toList();
    }
    assertThat(reference).hasSizeGreaterThan(300).allSatisfy(day -> assertThat(nyse.isTradingDay(day))
        .as("%s is an NYSE holiday", day).isFalse());
    // days of national mourning after the reference was published
    assertThat(nyse.isTradingDay(LocalDate.of(2018, 12, 5))).isFalse();
    assertThat(nyse.isTradingDay(LocalDate.of(2025, 1, 9))).isFalse();
    // and nothing else: every other weekday of 1990-2030 trades
    long weekdays = IntStream.rangeClosed(1990, 2030).mapToObj(Year::of)
        .flatMap(year -> year.atDay(1).datesUntil(year.plusYears(1).atDay(1)))
        .filter(day -> day.getDayOfWeek().getValue() <= 5).filter(day -> !nyse.isTradingDay(day)).count();
    assertThat(weekdays).isEqualTo(reference.stream().filter(d -> d.getDayOfWeek().getValue() <= 5).count() + 2);
  }

  @Test
  void earlyClosesFollowTheNyseRule() {
    TradingCalendar nyse = BUILT_IN.calendarNamed("us-equities");
    assertThat(IntStream.rangeClosed(1, 366).mapToObj(day -> Year.of(2024).atDay(day)).filter(nyse::closesEarly))
        .containsExactly(LocalDate.of(2024, 7, 3), LocalDate.of(2024, 11, 29), LocalDate.of(2024, 12, 24));
    // July 3, 2026 is a Friday and the observed Independence Day: closed, not short
    assertThat(nyse.isTradingDay(LocalDate.of(2026, 7, 3))).isFalse();
    assertThat(nyse.closesEarly(LocalDate.of(2021, 12, 24))).isFalse();
  }

  @Test
  void aUserFileIsLaidOverTheBuiltInOne() throws IOException {
    Path file = write("""
        calendars:
          xlon:
            zone: Europe/London
            hours: "08:00-16:30"
            days: [MON, TUE, WED, THU, FRI]
            holidays:
              2024: [12-25, 12-26]
        instruments:
          - symbol: AAPL
            asset-class: equity
            calendar: xlon
        patterns:
          - regex: "^[A-Z]+\\\\.L$"
            asset-class: equity
            calendar: xlon
        default:
          asset-class: other
          calendar: crypto
        """);
    InstrumentReference reference = InstrumentReference.load(file);

    assertThat(reference.instrument("VOD.L").calendar().zone().getId()).isEqualTo("Europe/London");
    assertThat(reference.instrument("AAPL").calendar().name()).isEqualTo("xlon");
    assertThat(reference.instrument("ZZZZ")).extracting(Instrument::assetClass, i -> i.calendar().name())
        .containsExactly(AssetClass.OTHER, "crypto");
    assertThat(reference.instrument("EURUSD").calendar().name()).as("built-in patterns still apply").isEqualTo("fx");
    assertThat(reference.calendarNamed("xlon").isTradingDay(LocalDate.of(2024, 12, 26))).isFalse();
  }

  @Test
  void badFilesAreRefusedNamingTheProblem() throws IOException {
    assertThatThrownBy(() -> InstrumentReference.load(write("calendars:\n  x:\n    zone: Mars/Olympus\n    "
        + "hours: 09:30-16:00\n    days: [MON]\n"))).hasMessageContaining("calendar 'x'")
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> InstrumentReference.load(write("calendars:\n  x:\n    zone: UTC\n    "
        + "hours: 9-5\n    days: [MON]\n"))).hasMessageContaining("'9' is not a time");
    assertThatThrownBy(() -> InstrumentReference.load(write("instruments:\n  - symbol: A\n    asset-class: equity\n"
        + "    calendar: nope\n"))).hasMessageContaining("instrument A names calendar 'nope'");
    assertThatThrownBy(() -> InstrumentReference.load(write("colour: blue\n")))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> InstrumentReference.load(write("patterns:\n  - regex: \"[\"\n    asset-class: fx\n"
        + "    calendar: fx\n"))).hasMessageContaining("not a regular expression");
    assertThatThrownBy(() -> InstrumentReference.load(dir.resolve("absent.yaml")))
        .hasMessageContaining("cannot read instrument file");
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      BUILT_IN.instrument("AAPL");
      out.writeObject(BUILT_IN);
    }
    InstrumentReference copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (InstrumentReference) in.readObject();
    }
    assertThat(copy.instrument("EURUSD").calendar()).isEqualTo(BUILT_IN.calendarNamed("fx"));
    assertThat(copy.instrument("AAPL").calendar()).isEqualTo(BUILT_IN.calendarNamed("us-equities"));
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "instruments", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
