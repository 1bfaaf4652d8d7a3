package dev.trii.batch.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.Bar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The quality checks of one symbol's day, on hand-built sessions with known faults. */
class EvaluateQualityTest {

  private static final InstrumentReference INSTRUMENTS = InstrumentReference.builtIn();
  private static final LocalDate MONDAY = LocalDate.of(2024, 3, 4);
  private static final long OPEN = INSTRUMENTS.calendar("AAPL").openOf(MONDAY);
  private static final QualityConfig CONFIG = QualityConfigLoader.loadDefault();
  private static final Clock LATER = Clock.fixed(Instant.parse("2024-03-10T00:00:00Z"), ZoneOffset.UTC);

  private final EvaluateQuality evaluate = new EvaluateQuality(CONFIG, INSTRUMENTS, LATER);

  /** Bars at the given session minutes with a seeded 7 bps random walk of closes. */
  private static SessionEvidence day(int[] minutes, long quotes, long rejects, long duplicates, long late,
      long staleEvents) {
    Random random = new Random(11);
    long[] times = new long[minutes.length];
    double[] closes = new double[minutes.length];
    double price = 100;
    for (int i = 0; i < minutes.length; i++) {
      price *= Math.exp(7e-4 * random.nextGaussian());
      times[i] = OPEN + minutes[i] * Bar.MINUTE_MILLIS;
      closes[i] = price;
    }
    return new SessionEvidence(new DaySymbolStats(MONDAY, "AAA", minutes.length, quotes, rejects, duplicates, late,
        staleEvents), times, closes);
  }

  private static int[] minutes(int from, int to) {
    return IntStream.range(from, to).toArray();
  }

  private Map<String, QualityCheck> checks(SessionEvidence evidence) {
    return evaluate.process(evidence).stream()
        .collect(Collectors.toMap(QualityCheck::checkName, Function.identity()));
  }

  @Test
  void aCompleteCleanSessionPassesEveryCheck() {
    Map<String, QualityCheck> checks = checks(day(minutes(0, 390), 40_000, 30, 2, 1, 0));

    assertThat(checks.keySet()).containsExactlyInAnyOrder("completeness", "gaps", "staleness", "duplicates",
        "out_of_order", "outliers", "stale_events", "reject_rate");
    assertThat(checks.values()).allSatisfy(check -> assertThat(check.passed()).as(check.toString()).isTrue());
    assertThat(checks.get("completeness").value()).isEqualTo(1.0);
    assertThat(checks.get("gaps").value()).isZero();
    assertThat(checks.get("staleness").value()).isZero();
    assertThat(checks.get("duplicates").value()).isEqualTo(2.0 / 40_030);
    assertThat(checks.get("duplicates").threshold()).isEqualTo(0.01);
  }

  @Test
  void theLongestRunOfMissingMinutesIsTheGapAndTheOpenCounts() {
    int[] bars = IntStream.concat(IntStream.range(3, 100), IntStream.range(120, 390)).toArray();

    Map<String, QualityCheck> checks = checks(day(bars, 40_000, 0, 0, 0, -1));

    assertThat(checks.get("gaps").value()).isEqualTo(20);
    assertThat(checks.get("gaps").passed()).isFalse();
    assertThat(checks.get("gaps").detail()).contains("20 minute(s), ending " + Instant.ofEpochMilli(OPEN + 120 * 60_000L));
    assertThat(checks.get("completeness").value()).isEqualTo(367.0 / 390);
    assertThat(checks.get("completeness").passed()).isFalse();
    assertThat(checks.get("staleness").value()).isZero();
    assertThat(checks).doesNotContainKey("stale_events");
  }

  @Test
  void aFeedThatStopsEarlyIsStaleNotGappy() {
    Map<String, QualityCheck> checks = checks(day(minutes(0, 300), 30_000, 0, 0, 0, 1));

    assertThat(checks.get("staleness").value()).isEqualTo(90);
    assertThat(checks.get("staleness").passed()).isFalse();
    assertThat(checks.get("staleness").detail()).endsWith("90 minute(s) before the close");
    assertThat(checks.get("gaps").value()).isZero();
    assertThat(checks.get("stale_events").value()).isEqualTo(1);
    assertThat(checks.get("stale_events").passed()).isTrue();
  }

  @Test
  void duringTheSessionOnlyTheMinutesSoFarCount() {
    Clock noon = Clock.fixed(java.time.Instant.ofEpochMilli(OPEN).plusSeconds(150 * 60), ZoneOffset.UTC);

    Map<String, QualityCheck> checks = new EvaluateQuality(CONFIG, INSTRUMENTS, noon)
        .process(day(minutes(0, 148), 15_000, 0, 0, 0, -1)).stream()
        .collect(Collectors.toMap(QualityCheck::checkName, Function.identity()));

    assertThat(checks.get("completeness").value()).isEqualTo(148.0 / 150);
    assertThat(checks.get("staleness").value()).isEqualTo(2);
    assertThat(checks.get("staleness").detail()).endsWith("before now");
  }

  @Test
  void priceJumpsAreOutliersByRobustZScore() {
    SessionEvidence clean = day(minutes(0, 390), 40_000, 0, 0, 0, -1);
    double[] closes = clean.closes().clone();
    for (int spike : new int[] {50, 150, 250}) {
      closes[spike] *= 1.02; // a 200 bp jump and back: two outlier returns each
    }

    QualityCheck outliers = checks(new SessionEvidence(clean.stats(), clean.barTimes(), closes)).get("outliers");

    assertThat(outliers.value()).isCloseTo(6.0 / 389, within(1e-12));
    assertThat(outliers.passed()).isFalse();
    assertThat(outliers.detail()).startsWith("6 of 389 1-minute returns with |robust z| > 8.0");
    assertThat(checks(clean).get("outliers").value()).isZero();
  }

  @Test
  void returnsAcrossAGapAreScaledToOneMinute() {
    double[] returns = EvaluateQuality.minuteReturns(new long[] {0, 60_000, 300_000},
        new double[] {100, 101, 101 * Math.exp(0.02)});

    assertThat(returns[0]).isCloseTo(Math.log(1.01), within(1e-12));
    assertThat(returns[1]).isCloseTo(0.02 / 2, within(1e-12));
  }

  @Test
  void tooFewReturnsAreNotJudged() {
    QualityCheck outliers = checks(day(minutes(0, 10), 1_000, 0, 0, 0, -1)).get("outliers");

    assertThat(outliers.passed()).isTrue();
    assertThat(outliers.detail()).isEqualTo("only 9 returns, fewer than the 30 needed to judge outliers");
  }

  @Test
  void rejectRatesAreSharesOfAllRecords() {
    Map<String, QualityCheck> checks = checks(day(minutes(0, 390), 9_000, 1_000, 150, 200, -1));

    assertThat(checks.get("reject_rate").value()).isEqualTo(0.1);
    assertThat(checks.get("reject_rate").passed()).isFalse();
    assertThat(checks.get("duplicates").value()).isEqualTo(0.015);
    assertThat(checks.get("duplicates").passed()).isFalse();
    assertThat(checks.get("out_of_order").value()).isEqualTo(0.02);
    assertThat(checks.get("out_of_order").detail())
        .isEqualTo("200 of 10000 records rejected as out of order or late [LATE_EVENT, STALE_TIMESTAMP] (2.00%)");
  }

  @Test
  void aWeekendDayGetsNoSessionChecks() {
    LocalDate saturday = LocalDate.of(2024, 3, 9);
    SessionEvidence evidence = new SessionEvidence(new DaySymbolStats(saturday, "AAA", 0, 50, 0, 0, 0, -1),
        new long[0], new double[0]);

    List<QualityCheck> checks = evaluate.process(evidence);

    assertThat(checks).extracting(QualityCheck::checkName)
        .containsExactly("duplicates", "out_of_order", "outliers", "reject_rate");
  }
}
