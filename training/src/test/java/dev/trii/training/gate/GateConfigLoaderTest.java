package dev.trii.training.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gates YAML: the built-in defaults, a file named by the setting, and clear errors on bad values. */
class GateConfigLoaderTest {

  @Test
  void builtInGatesCarryTheHandbookThresholdsJudgedOnTheHoldout() {
    GateConfig gates = GateConfigLoader.loadDefault();

    assertThat(gates.thresholds()).containsExactly(
        new AbsoluteThreshold("train_accuracy", AbsoluteThreshold.Operator.GREATER, 0.75),
        new AbsoluteThreshold("holdout_accuracy", AbsoluteThreshold.Operator.GREATER, 0.70),
        new AbsoluteThreshold("p95_latency_ms", AbsoluteThreshold.Operator.LESS, 100))
        .isEqualTo(GateConfig.HANDBOOK_THRESHOLDS);
    assertThat(gates.lift()).isEqualTo(LiftRule.DEFAULT).isEqualTo(new LiftRule(true, 0.02, true, 0.02));
    assertThat(gates.champion()).isEqualTo(ChampionRule.DEFAULT);
    assertThat(gates.champion().minHoldoutRows()).isEqualTo(1_000);
    assertThat(gates.champion().comparisons()).containsExactly(
        new ChampionComparison(ChampionComparison.Metric.ACCURACY, 0.0),
        new ChampionComparison(ChampionComparison.Metric.ROC_AUC, -0.01),
        new ChampionComparison(ChampionComparison.Metric.LOG_LOSS, -0.01));
    assertThat(gates.significance()).isEqualTo(Significance.DEFAULT);
    assertThat(gates.dataQuality())
        .isEqualTo(new DataQualityRule(true, DataQualityRule.Policy.EXCLUDE, 0, 0.25))
        .isEqualTo(DataQualityRule.DEFAULT);
    assertThat(gates.source()).isEqualTo("classpath:gates.yaml");
    assertThat(gates.sha256()).hasSize(64);
    assertThat(gates.needsLatency()).isTrue();
  }

  @Test
  void readsTheFileThatTheGatesSettingNamesAndHashesItsContents(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gates.yaml");
    String text = """
        thresholds:
          - {metric: holdout_roc_auc, op: ">=", value: 0.6}
        lift: {min_accuracy_gain: 0.05}
        champion: {min_holdout_rows: 5000, comparisons: [{metric: log_loss, min_gain: 0.001}]}
        significance: {confidence: 0.99}
        data_quality: {enabled: false}
        """;
    Files.writeString(file, text);
    TriiConfig config = TriiConfig.load(Map.of(), Map.of(Settings.GATES_FILE, file.toString()));

    GateConfig gates = GateConfigLoader.load(config);

    assertThat(gates.thresholds()).containsExactly(
        new AbsoluteThreshold("holdout_roc_auc", AbsoluteThreshold.Operator.GREATER_OR_EQUAL, 0.6));
    assertThat(gates.lift()).isEqualTo(new LiftRule(true, 0.05, true, 0.02));
    assertThat(gates.champion()).isEqualTo(new ChampionRule(5_000,
        List.of(new ChampionComparison(ChampionComparison.Metric.LOG_LOSS, 0.001))));
    assertThat(gates.significance()).isEqualTo(new Significance(0.99, 1_000, 7));
    assertThat(gates.dataQuality().enabled()).isFalse();
    assertThat(gates.source()).isEqualTo(file.toString());
    assertThat(gates.sha256()).isEqualTo(Sha256.hex(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(gates.needsLatency()).isFalse();
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
        champion:
          comparisons:
            - {metric: accuracy, min_gian: 0.01}
        """))
        .hasMessage("gates file test.yaml: unknown key 'min_gian' in champion.comparisons[0] (known: [metric, "
            + "min_gain])");
    assertThatThrownBy(() -> parse("comparisons: []\n"))
        .hasMessageStartingWith("gates file test.yaml: unknown key 'comparisons' in the document (known: [champion, "
            + "data_quality, lift, significance, thresholds])");
  }

  @Test
  void rejectsAComparisonWithoutAMargin() {
    assertThatThrownBy(() -> parse("""
        champion:
          comparisons:
            - {metric: accuracy}
        """))
        .hasMessageStartingWith("gates file test.yaml: champion.comparisons[0] (accuracy) needs min_gain");
  }

  @Test
  void rejectsAComparisonOnAMetricThatCannotBePaired() {
    assertThatThrownBy(() -> parse("""
        champion:
          comparisons:
            - {metric: p95_latency_ms, min_gain: 0}
        """))
        .hasMessage("gates file test.yaml: champion.comparisons[0].metric must be one of accuracy, roc_auc, log_loss, "
            + "got 'p95_latency_ms'");
  }

  @Test
  void rejectsAThresholdOnASplitThatNoLongerExists() {
    assertThatThrownBy(() -> parse("""
        thresholds:
          - {metric: validation_accuracy, op: ">", value: 0.7}
        """))
        .hasMessageStartingWith("gates file test.yaml: thresholds[0].metric 'validation_accuracy' is not a metric "
            + "the evaluation computes");
  }

  @Test
  void rejectsABooleanThatIsNotABoolean() {
    assertThatThrownBy(() -> parse("""
        lift: {enabled: "yes please"}
        """))
        .hasMessage("gates file test.yaml: lift.enabled must be true or false, got 'yes please'");
  }

  @Test
  void rejectsAFractionWhereAWholeNumberBelongs() {
    assertThatThrownBy(() -> parse("""
        champion: {min_holdout_rows: 99.5}
        """))
        .hasMessage("gates file test.yaml: champion.min_holdout_rows must be a whole number, got 99.5");
  }

  @Test
  void rejectsAConfidenceOutOfRange() {
    assertThatThrownBy(() -> parse("significance: {confidence: 1.5}\n"))
        .hasMessage("gates file test.yaml: significance.confidence must be in (0.5, 0.999], got 1.5");
  }

  @Test
  void aFileWithoutThresholdsKeepsTheHandbooksAndAnEmptyListHasNone() {
    assertThat(parse("data_quality: {enabled: false}\n").thresholds()).isEqualTo(GateConfig.HANDBOOK_THRESHOLDS);
    assertThat(parse("thresholds: []\n").thresholds()).isEmpty();
  }

  @Test
  void rejectsGatesThatWouldPassAFirstModelUnjudged() {
    assertThatThrownBy(() -> parse("thresholds: []\nlift: {enabled: false}\n"))
        .hasMessageContaining("declares no thresholds and no lift checks");
    assertThatThrownBy(() -> parse(""))
        .hasMessage("gates file test.yaml is empty");
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
