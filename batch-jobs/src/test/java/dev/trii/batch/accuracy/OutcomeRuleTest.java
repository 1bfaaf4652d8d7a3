package dev.trii.batch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A logged prediction's outcome on hand-built bars: the training label's definition, and when it is known. */
class OutcomeRuleTest {

  private static final FeatureSet FEATURES = FeatureSet.v2();  // 1-minute horizon, 1 bp dead zone
  private static final LocalDate DAY = LocalDate.of(2026, 11, 19);
  private static final long OPEN = FEATURES.calendar("AAPL").openOf(DAY);
  private static final OutcomeRule RULE = new OutcomeRule(FEATURES);
  /** Closes by session minute; minute 4 has no bar. */
  private static final double[] CLOSES = {100.00, 100.05, 100.05, 100.00, Double.NaN, 100.02, 100.03};
  private static final List<Bar> BARS = bars();

  @Test
  void aMoveBeyondTheDeadZoneIsTheLabelAndThePredictionHitsOrMisses() {
    assertThat(decide(0, "up", false)).hasValueSatisfying(outcome -> {
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.HIT);
      assertThat(outcome.realizedLabel()).isEqualTo(1);
      assertThat(outcome.forwardReturn()).isEqualTo(Math.log(100.05 / 100.00));
    });
    assertThat(decide(0, "down", false)).map(Outcome::kind).hasValue(Outcome.Kind.MISS);
    assertThat(decide(2, "up", false)).hasValueSatisfying(outcome -> {
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.MISS);
      assertThat(outcome.realizedLabel()).isZero();
    });
  }

  @Test
  void noMoveIsUnlabellableWithItsReturn() {
    assertThat(decide(1, "up", false)).hasValueSatisfying(outcome -> {
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UNLABELLABLE);
      assertThat(outcome.realizedLabel()).isNull();
      assertThat(outcome.forwardReturn()).isZero();
    });
  }

  @Test
  void aMissingBarAtTheHorizonLeavesNoLabelOnceLaterBarsExist() {
    assertThat(decide(3, "down", false)).hasValueSatisfying(outcome -> {
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UNLABELLABLE);
      assertThat(outcome.forwardReturn()).isNaN();
    });
  }

  @Test
  void theLastBarWaitsUntilTheTradingDateIsOverThenHasNoLabel() {
    assertThat(decide(6, "up", false)).as("the next bar may still come").isEmpty();
    assertThat(decide(6, "up", true)).hasValueSatisfying(outcome -> {
      assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UNLABELLABLE);
      assertThat(outcome.forwardReturn()).isNaN();
    });
  }

  @Test
  void theTradingDateIsOverAnHourAfterItsLastInstant() {
    // 2026-11-19 in New York ends at 2026-11-20T05:00Z
    long end = Instant.parse("2026-11-20T05:00:00Z").toEpochMilli();

    assertThat(RULE.sessionOver("AAPL", DAY, end + 3_600_000 - 1)).isFalse();
    assertThat(RULE.sessionOver("AAPL", DAY, end + 3_600_000)).isTrue();
  }

  @Test
  void featuresOfTheTrainingRowsGiveTheSameLabels() {
    var rows = FEATURES.computeSession(BARS);
    for (int i = 0; i < rows.size(); i++) {
      Optional<Outcome> outcome = RULE.decide(new PendingPrediction(i, Instant.EPOCH,
          Instant.ofEpochMilli(rows.get(i).ts()), "up"), BARS, true);
      assertThat(outcome.orElseThrow().realizedLabel()).as("bar %d", i).isEqualTo(rows.get(i).label());
    }
  }

  private static Optional<Outcome> decide(int minute, String direction, boolean over) {
    return RULE.decide(new PendingPrediction(minute, Instant.EPOCH, Instant.ofEpochMilli(OPEN + minute * 60_000L),
        direction), BARS, over);
  }

  private static List<Bar> bars() {
    List<Bar> bars = new ArrayList<>();
    for (int m = 0; m < CLOSES.length; m++) {
      if (!Double.isNaN(CLOSES[m])) {
        bars.add(new Bar("AAPL", OPEN + m * 60_000L, CLOSES[m], CLOSES[m], CLOSES[m], CLOSES[m], 100, CLOSES[m], 10,
            0.01));
      }
    }
    return bars;
  }
}
