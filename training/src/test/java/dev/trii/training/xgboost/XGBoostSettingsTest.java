package dev.trii.training.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trainer settings: documented defaults, overrides, and validation that names the bad value. */
class XGBoostSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    XGBoostSettings settings = XGBoostSettings.defaults();
    assertThat(settings.asParams()).containsExactly(
        Map.entry("eta", "0.1"), Map.entry("max_depth", "4"), Map.entry("rounds", "300"),
        Map.entry("early_stopping_rounds", "30"), Map.entry("subsample", "0.8"),
        Map.entry("colsample_bytree", "0.8"), Map.entry("min_child_weight", "5.0"), Map.entry("lambda", "1.0"),
        Map.entry("seed", "42"), Map.entry("nthread", "0"), Map.entry("device", "cpu"));
  }

  @Test
  void appliesOverridesByName() {
    XGBoostSettings settings = XGBoostSettings.defaults()
        .withOverrides(Map.of("eta", "0.3", "max_depth", "6", "device", "AUTO", "nthread", "2"));
    assertThat(settings.eta()).isEqualTo(0.3);
    assertThat(settings.maxDepth()).isEqualTo(6);
    assertThat(settings.device()).isEqualTo("auto");
    assertThat(settings.effectiveThreads()).isEqualTo(2);
  }

  @Test
  void rejectsValuesOutsideTheirRangeNamingTheValue() {
    XGBoostSettings defaults = XGBoostSettings.defaults();
    assertThatThrownBy(() -> defaults.with("eta", "0")).hasMessage("eta must be in (0, 1], got 0");
    assertThatThrownBy(() -> defaults.with("eta", "1.5")).hasMessage("eta must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> defaults.with("max_depth", "0")).hasMessage("max_depth must be in [1, 16], got 0");
    assertThatThrownBy(() -> defaults.with("rounds", "20000")).hasMessage("rounds must be in [1, 10000], got 20000");
    assertThatThrownBy(() -> defaults.with("subsample", "-0.1")).hasMessage("subsample must be in (0, 1], got -0.1");
    assertThatThrownBy(() -> defaults.with("lambda", "NaN")).hasMessage("lambda must be in [0, 1000000], got NaN");
    assertThatThrownBy(() -> defaults.with("seed", "-1")).hasMessage("seed must be in [0, 2147483647], got -1");
    assertThatThrownBy(() -> defaults.with("device", "tpu")).hasMessage("device must be cpu, cuda or auto, got 'tpu'");
  }

  @Test
  void rejectsValuesThatAreNotNumbersAndUnknownNames() {
    assertThatThrownBy(() -> XGBoostSettings.defaults().with("max_depth", "deep"))
        .hasMessage("max_depth must be a whole number, got 'deep'");
    assertThatThrownBy(() -> XGBoostSettings.defaults().with("learning_rate", "0.1"))
        .hasMessageStartingWith("unknown XGBoost setting 'learning_rate'");
  }
}
