package dev.trii.training;

import dev.trii.core.config.TriiConfig;
import dev.trii.training.dataset.SplitSettings;
import dev.trii.training.evaluation.LatencyProbe;
import dev.trii.training.gate.GateConfig;
import dev.trii.training.gate.GateConfigLoader;
import dev.trii.training.xgboost.XGBoostSettings;

/**
 * How the pipeline trains and judges a model: trainer settings, the time split, the gates, the latency probe
 * and the least data it accepts.
 *
 * @param minLabelledRows fewer labelled feature rows than this stop the pipeline; default 500, range [50, ∞)
 */
public record TrainingOptions(XGBoostSettings xgboost, SplitSettings split, GateConfig gates, LatencyProbe latency,
    int minLabelledRows) {

  public static final int DEFAULT_MIN_LABELLED_ROWS = 500;

  public TrainingOptions {
    if (minLabelledRows < 50) {
      throw new IllegalArgumentException("minimum labelled rows must be >= 50, got " + minLabelledRows);
    }
  }

  /** Defaults everywhere, with the gates of this configuration ({@code TRII_GATES_FILE} or the built-in ones). */
  public static TrainingOptions from(TriiConfig config) {
    return new TrainingOptions(XGBoostSettings.defaults(), SplitSettings.DEFAULT, GateConfigLoader.load(config),
        LatencyProbe.DEFAULT, DEFAULT_MIN_LABELLED_ROWS);
  }

  /** Defaults everywhere, with the built-in gates. */
  public static TrainingOptions defaults() {
    return new TrainingOptions(XGBoostSettings.defaults(), SplitSettings.DEFAULT, GateConfigLoader.loadDefault(),
        LatencyProbe.DEFAULT, DEFAULT_MIN_LABELLED_ROWS);
  }

  public TrainingOptions withXgboost(XGBoostSettings settings) {
    return new TrainingOptions(settings, split, gates, latency, minLabelledRows);
  }

  public TrainingOptions withGates(GateConfig gateConfig) {
    return new TrainingOptions(xgboost, split, gateConfig, latency, minLabelledRows);
  }

  public TrainingOptions withMinLabelledRows(int rows) {
    return new TrainingOptions(xgboost, split, gates, latency, rows);
  }
}
