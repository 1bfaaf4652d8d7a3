package dev.trii.training.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gates YAML: the built-in defaults, a file named by the setting, and clear errors on bad values. */
class GateConfigLoaderTest {

  @Test
  void builtInGatesCarryTheHandbookThresholds() {
    GateConfig gates = GateConfigLoader.loadDefault();

    assertThat(gates.thresholds()).containsExactly(
        new AbsoluteThreshold("train_accuracy", AbsoluteThreshold.Operator.GREATER, 0.75),
        new AbsoluteThreshold("validation_accuracy", AbsoluteThreshold.Operator.GREATER, 0.70),
        new AbsoluteThreshold("p95_latency_ms", AbsoluteThreshold.Operator.LESS, 100));
    assertThat(gates.comparisons()).containsExactly(
        new ChampionComparison("test_accuracy", true, 0.0, null),
        new ChampionComparison("test_log_loss", false, null, -0.02));
    assertThat(gates.dataQuality())
        .isEqualTo(new DataQualityRule(true, DataQualityRule.Policy.EXCLUDE, 0, 0.25))
        .isEqualTo(DataQualityRule.DEFAULT);
    assertThat(gates.source()).isEqualTo("classpath:gates.yaml");
  }

  @Test
  void readsTheFileThatTheGatesSettingNames(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gates.yaml");
    Files.writeString(file, """
        thresholds:
          - {metric: test_roc_auc, op: ">=", value: 0.6}
        data_quality: {enabled: false}
        """);
    TriiConfig config = TriiConfig.load(Map.of(), Map.of(Settings.GATES_FILE, file.toString()));

    GateConfig gates = GateConfigLoader.load(config);

    assertThat(gates.thresholds()).containsExactly(
        new AbsoluteThreshold("test_roc_auc", AbsoluteThreshold.Operator.GREATER_OR_EQUAL, 0.6));
    assertThat(gates.comparisons()).isEmpty();
    assertThat(gates.dataQuality().enabled()).isFalse();
    assertThat(gates.source()).isEqualTo(file.toString());
  }

  @Test
  void namesAMissingGatesFile() {
    TriiConfig config = TriiConfig.load(Map.of(), Map.of(Settings.GATES_FILE, "/no/such/gates.yaml"));
    assertThatThrownBy(() -> GateConfigLoader.load(config))
        .isInstanceOf(TriiException.class)
        .hasMessage("gates file /no/such/gates.yaml (TRII_GATES_FILE) does not exist");
  }

  @Test
  void rejectsAThresholdValueThatIsNotANumber() {
    assertThatThrownBy(() -> parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: high}
        """))
        .isInstanceOf(TriiException.class)
        .hasMessage("gates file test.yaml: thresholds[0].value must be a finite number, got 'high'");
  }

  @Test
  void rejectsAnUnknownOperator() {
    assertThatThrownBy(() -> parse("""
        thresholds:
          - {metric: train_accuracy, op: "=>", value: 0.7}
        """))
        .hasMessage("gates file test.yaml: thresholds[0].op must be one of >, >=, <, <=, got '=>'");
  }

  @Test
  void rejectsUnknownKeysSoTyposDoNotPassSilently() {
    assertThatThrownBy(() -> parse("""
        comparisons:
          - {metric: test_accuracy, higher_is_better: true, min_absolute_chnage: 0.01}
        """))
        .hasMessageStartingWith("gates file test.yaml: unknown key 'min_absolute_chnage' in comparisons[0]");
  }

  @Test
  void rejectsAComparisonWithoutAMargin() {
    assertThatThrownBy(() -> parse("""
        comparisons:
          - {metric: test_accuracy, higher_is_better: true}
        """))
        .hasMessage("gates file test.yaml: comparisons[0] (test_accuracy) needs min_absolute_change and/or "
            + "min_relative_change");
  }

  @Test
  void rejectsAComparisonOnAMetricTheChampionIsNotMeasuredOn() {
    assertThatThrownBy(() -> parse("""
        comparisons:
          - {metric: validation_accuracy, higher_is_better: true, min_absolute_change: 0}
        """))
        .hasMessageContaining("comparisons[0].metric 'validation_accuracy' cannot be compared with the champion");
  }

  @Test
  void rejectsHigherIsBetterThatIsNotABoolean() {
    assertThatThrownBy(() -> parse("""
        comparisons:
          - {metric: test_accuracy, higher_is_better: "yes please", min_absolute_change: 0}
        """))
        .hasMessage("gates file test.yaml: comparisons[0].higher_is_better must be true or false, got 'yes please'");
  }

  @Test
  void rejectsGatesThatWouldPassEverything() {
    assertThatThrownBy(() -> parse("data_quality: {enabled: true}\n"))
        .hasMessageContaining("declares no thresholds and no comparisons");
  }

  @Test
  void rejectsBrokenYaml() {
    assertThatThrownBy(() -> parse("thresholds: [ {metric: a"))
        .hasMessageStartingWith("gates file test.yaml is not valid YAML");
  }

  @Test
  void rejectsANegativeFailedCheckAllowance() {
    assertThatThrownBy(() -> parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: 0.7}
        data_quality: {max_failed_checks: -1}
        """))
        .hasMessage("gates file test.yaml: data_quality.max_failed_checks must be a whole number >= 0, got -1");
  }

  @Test
  void readsTheRefusePolicyAndLeavesUnsetQualityKeysAtTheirDefaults() {
    GateConfig gates = parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: 0.7}
        data_quality: {on_failure: refuse, max_failed_checks: 2}
        """);

    assertThat(gates.dataQuality()).isEqualTo(new DataQualityRule(true, DataQualityRule.Policy.REFUSE, 2, 0.25));
    assertThat(gates.dataQuality().excludesFailedSessions()).isFalse();
  }

  @Test
  void rejectsAnUnknownQualityPolicy() {
    assertThatThrownBy(() -> parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: 0.7}
        data_quality: {on_failure: ignore}
        """))
        .hasMessage("gates file test.yaml: data_quality.on_failure must be exclude or refuse, got 'ignore'");
  }

  @Test
  void rejectsAnExcludedShareAboveOne() {
    assertThatThrownBy(() -> parse("""
        thresholds:
          - {metric: train_accuracy, op: ">", value: 0.7}
        data_quality: {max_excluded_share: 1.5}
        """))
        .hasMessage("gates file test.yaml: data_quality.max_excluded_share must be in [0, 1], got 1.5");
  }

  private static GateConfig parse(String yaml) {
    return GateConfigLoader.parse(yaml, "test.yaml");
  }
}
