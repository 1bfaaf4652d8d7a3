package dev.trii.core.model.trees;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.testing.XGBoostModels;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProbeRowsTest {

  private static TreeEnsemble trees;

  @BeforeAll
  static void train() {
    Booster booster = XGBoostModels.train(XGBoostModels.rows(3_000, 0.05, 8),
        XGBoostModels.binaryParams(Map.of("max_depth", 6)), 120);
    try {
      trees = XGBoostJsonReader.read(XGBoostModels.json(booster));
    } finally {
      booster.dispose();
    }
  }

  @Test
  void areAtLeastTenThousandRowsAndTheSameForTheSameSeed() {
    float[][] rows = ProbeRows.around(trees, 1);

    assertThat(rows.length).isGreaterThanOrEqualTo(10_000);
    assertThat(rows[0]).hasSize(XGBoostModels.FEATURES);
    // Arrays.deepEquals: NaN equals NaN
    assertThat(Arrays.deepEquals(ProbeRows.around(trees, 1), rows)).isTrue();
    assertThat(Arrays.deepEquals(ProbeRows.around(trees, 2), rows)).isFalse();
  }

  @Test
  void probeEveryThresholdFromBelowAtAndAboveAndEveryFeatureMissing() {
    float[][] rows = ProbeRows.around(trees, 1);
    float[][] thresholds = trees.thresholdsByFeature();

    for (int f = 0; f < thresholds.length; f++) {
      Set<Float> values = new HashSet<>();
      boolean missing = false;
      for (float[] row : rows) {
        values.add(row[f]);
        missing |= Float.isNaN(row[f]);
      }
      assertThat(missing).as("feature %d missing in some row", f).isTrue();
      assertThat(thresholds[f]).as("feature %d is split on", f).isNotEmpty();
      for (float threshold : thresholds[f]) {
        assertThat(values).as("feature %d around threshold %s", f, threshold)
            .contains(Math.nextDown(threshold), threshold, Math.nextUp(threshold));
      }
    }
  }
}
