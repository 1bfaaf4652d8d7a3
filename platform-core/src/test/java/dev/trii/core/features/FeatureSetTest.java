package dev.trii.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.instruments.InstrumentReference;
import dev.trii.core.market.Bar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureSetTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  /** A 5-minute horizon, so that labels look past the next bar. */
  private final FeatureSet featureSet = new FeatureSet(5, 1.0, InstrumentReference.builtIn());

  /** A seeded session of 1-minute bars from the open, one per minute. */
  static List<Bar> session(String symbol, int minutes, long seed) {
    Random random = new Random(seed);
    long open = InstrumentReference.builtIn().calendar(symbol).openOf(DAY);
    List<Bar> bars = new ArrayList<>();
    double price = 100;
    for (int m = 0; m < minutes; m++) {
      double start = price;
      price *= Math.exp(0.0008 * random.nextGaussian());
      double high = Math.max(start, price) * 1.0002;
      double low = Math.min(start, price) * 0.9998;
      bars.add(new Bar(symbol, open + m * Bar.MINUTE_MILLIS, start, high, low, price, 100 + random.nextInt(900),
          (start + price) / 2, 10 + random.nextInt(10), 0.02, 100 * (1 + random.nextInt(9)),
          100 * (1 + random.nextInt(9)), 2 * random.nextDouble() - 1));
    }
    return bars;
  }

  @Test
  void featuresOfABarDoNotChangeWhenLaterBarsChange() {
    List<Bar> bars = session("AAPL", 120, 1);
    List<Bar> alteredFuture = new ArrayList<>(bars.subList(0, 61));
    alteredFuture.addAll(session("AAPL", 120, 99).subList(61, 120));

    List<FeatureRow> original = featureSet.computeSession(bars);
    List<FeatureRow> altered = featureSet.computeSession(alteredFuture);

    for (int i = 0; i <= 60; i++) {
      assertThat(altered.get(i).features()).as("features at bar %d", i).containsExactly(original.get(i).features());
    }
    assertThat(altered.get(61).features()).isNotEqualTo(original.get(61).features());
  }

  @Test
  void servingFeaturesEqualTrainingFeaturesForTheSameBars() {
    List<Bar> bars = session("MSFT", 200, 7);
    List<FeatureRow> training = featureSet.computeSession(bars);

    for (int i : new int[] {0, 10, 45, 120, 199}) {
      double[] serving = featureSet.latestFeatures(bars.subList(0, i + 1));
      assertThat(serving).containsExactly(training.get(i).features());
    }
  }

  @Test
  void returnsLookBackByClockTimeAcrossGaps() {
    List<Bar> bars = new ArrayList<>(session("NVDA", 40, 3));
    bars.remove(35); // a minute without quotes
    BarWindow window = BarWindow.endingAt(bars, bars.size() - 1, FeatureSet.LOOKBACK_MINUTES * Bar.MINUTE_MILLIS);

    double[] features = featureSet.features(window);

    Bar now = bars.get(bars.size() - 1);
    Bar fiveMinutesAgo = bars.stream().filter(b -> b.barTime() <= now.barTime() - 5 * Bar.MINUTE_MILLIS)
        .reduce((a, b) -> b).orElseThrow();
    assertThat(features[1]).isCloseTo(Math.log(now.close() / fiveMinutesAgo.close()), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void missingHistoryIsNaN() {
    double[] first = featureSet.computeSession(session("JPM", 5, 2)).get(0).features();

    assertThat(first[FeatureSet.NAMES.indexOf("ret_1m")]).isNaN();
    assertThat(first[FeatureSet.NAMES.indexOf("macd_bps")]).isNaN();
    assertThat(first[FeatureSet.NAMES.indexOf("minutes_since_open")]).isEqualTo(0.0);
  }

  @Test
  void labelIsForwardDirectionOutsideTheDeadZone() {
    List<Bar> bars = session("AMZN", 30, 5);
    List<FeatureRow> rows = featureSet.computeSession(bars);

    FeatureRow row = rows.get(10);
    double expected = Math.log(bars.get(15).close() / bars.get(10).close());
    assertThat(row.forwardReturn()).isEqualTo(expected);
    if (Math.abs(expected) * 1e4 >= featureSet.deadZoneBps()) {
      assertThat(row.label()).isEqualTo(expected > 0 ? 1 : 0);
    } else {
      assertThat(row.label()).isNull();
    }
  }

  @Test
  void noLabelWhenTheSessionEndsBeforeTheHorizon() {
    List<FeatureRow> rows = featureSet.computeSession(session("AMZN", 30, 5));

    assertThat(rows.get(24).label()).isNotNull().isIn(0, 1);
    assertThat(rows.subList(25, 30)).allSatisfy(r -> {
      assertThat(r.label()).isNull();
      assertThat(r.forwardReturn()).isNaN();
    });
  }

  @Test
  void deadZoneSuppressesSmallMoves() {
    FeatureSet wide = new FeatureSet(5, 10_000, InstrumentReference.builtIn());

    assertThat(wide.computeSession(session("AMZN", 30, 5))).allSatisfy(r -> assertThat(r.label()).isNull());
    assertThat(featureSet.label(0.0002)).isEqualTo(1);
    assertThat(featureSet.label(-0.0002)).isEqualTo(0);
    assertThat(featureSet.label(0.00005)).isNull();
  }

  @Test
  void minutesSinceOpenCountFromTheSymbolsOwnSession() {
    long saturdayNoonUtc = java.time.Instant.parse("2024-01-06T12:00:00Z").toEpochMilli();
    Bar crypto = new Bar("BTC-USD", saturdayNoonUtc, 1, 1, 1, 1, 0, Double.NaN, 1, 0);
    Bar fx = new Bar("EURUSD", saturdayNoonUtc - java.time.Duration.ofDays(1).toMillis(), 1, 1, 1, 1, 0, Double.NaN,
        1, 0);
    int minutes = featureSet.names().indexOf("minutes_since_open");

    assertThat(featureSet.latestFeatures(List.of(crypto))[minutes]).isEqualTo(12 * 60.0);
    // Friday 07:00 New York: the FX session opened Thursday 17:00 New York
    assertThat(featureSet.latestFeatures(List.of(fx))[minutes]).isEqualTo(14 * 60.0);
  }

  @Test
  void queueImbalanceIsReadFromTheBookOfTheBarAndTheBarsBefore() {
    List<Bar> bars = session("AMZN", 30, 9);
    double[] features = featureSet.latestFeatures(bars);
    Bar last = bars.get(29);

    assertThat(features[FeatureSet.NAMES.indexOf("queue_imbalance")])
        .isEqualTo((last.closeBidSize() - last.closeAskSize()) / (last.closeBidSize() + last.closeAskSize()));
    assertThat(features[FeatureSet.NAMES.indexOf("queue_imbalance_mean_1m")]).isEqualTo(last.meanImbalance());
    double fiveMinutes = bars.subList(25, 30).stream().mapToDouble(Bar::meanImbalance).average().orElseThrow();
    assertThat(features[FeatureSet.NAMES.indexOf("queue_imbalance_mean_5m")]).isCloseTo(fiveMinutes,
        org.assertj.core.data.Offset.offset(1e-12));
    Bar withoutSizes = new Bar("AMZN", last.barTime(), 1, 1, 1, 1, 0, Double.NaN, 1, 0);
    assertThat(featureSet.latestFeatures(List.of(withoutSizes))[FeatureSet.NAMES.indexOf("queue_imbalance")]).isNaN();
  }

  @Test
  void theVersionIsTheHashOfTheDefinitionSoAChangedFormulaHorizonOrDeadZoneIsANewVersion() {
    FeatureSet v2 = FeatureSet.v2();

    // Golden value: it changes whenever a formula, a name, the horizon, the dead zone or the look-back changes.
    // When it does, that is a new feature set: update it here, and the features job will compute the new rows
    // (models trained on the old version are refused by the scoring API until a new one is trained).
    assertThat(v2.version()).isEqualTo(GOLDEN_VERSION);
    assertThat(v2.definitionHash()).hasSize(64).startsWith(v2.version().substring(3));
    assertThat(new FeatureSet(1, 1.0, InstrumentReference.builtIn()).version()).isEqualTo(v2.version());
    assertThat(new FeatureSet(2, 1.0, InstrumentReference.builtIn()).version()).isNotEqualTo(v2.version());
    assertThat(new FeatureSet(1, 1.5, InstrumentReference.builtIn()).version()).isNotEqualTo(v2.version());
    assertThat(featureSet.version()).startsWith("v2-").isNotEqualTo(v2.version());
  }

  private static final String GOLDEN_VERSION = "v2-48ecc945b530";

  @Test
  void rejectsABadHorizonOrDeadZone() {
    assertThatThrownBy(() -> new FeatureSet(0, 1, InstrumentReference.builtIn())).hasMessageContaining("got 0");
    assertThatThrownBy(() -> new FeatureSet(1, -1, InstrumentReference.builtIn())).hasMessageContaining("got -1");
  }
}
