package dev.trii.batch.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.features.FeatureRow;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.training.testing.SyntheticBars;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Features at bar t read nothing after t: rewriting the future leaves them exactly as they were. */
class PointInTimeFeaturesTest {

  private final FeatureSet featureSet = FeatureSet.v2();
  private final ComputeSessionFeatures compute = new ComputeSessionFeatures(featureSet);

  @Test
  void featuresAtTimeTAreUnchangedWhenBarsAfterTAreAltered() {
    List<Bar> original = SyntheticBars.market(1, "AAA").sessionsBars().get(0);
    int t = 200;
    List<Bar> altered = new ArrayList<>(original.subList(0, t + 1));
    for (Bar bar : original.subList(t + 1, original.size())) {
      altered.add(new Bar(bar.symbol(), bar.barTime(), bar.open() * 1.07, bar.high() * 1.08, bar.low() * 1.06,
          bar.close() * 1.07, bar.volume() * 3, bar.vwap() * 1.07, bar.quoteCount() + 50, bar.meanSpread() * 2));
    }
    SessionKey key = new SessionKey("AAA", LocalDate.of(2024, 3, 4));

    List<FeatureRow> before = compute.process(new SessionBars(key, original)).rows();
    List<FeatureRow> after = compute.process(new SessionBars(key, altered)).rows();

    for (int i = 0; i <= t; i++) {
      assertThat(after.get(i).features()).as("features at bar %d", i).containsExactly(before.get(i).features());
    }
    // labels look forward: those whose horizon ends at or before t are unchanged too, later ones may change
    for (int i = 0; i + featureSet.horizonMinutes() <= t; i++) {
      assertThat(after.get(i).label()).isEqualTo(before.get(i).label());
    }
    // the alteration is visible from t + 1 on, so the comparison above is not vacuous
    assertThat(after.get(t + 1).features()).isNotEqualTo(before.get(t + 1).features());
  }

  @Test
  void dropsNoBarAndKeepsTimeOrder() {
    List<Bar> session = SyntheticBars.market(1, "BBB").sessionsBars().get(0);

    List<FeatureRow> rows = compute.process(new SessionBars(new SessionKey("BBB", LocalDate.of(2024, 3, 4)), session))
        .rows();

    assertThat(rows).hasSize(session.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).ts()).isEqualTo(session.get(i).barTime());
    }
  }
}
