package dev.trii.training;

import dev.trii.core.config.TriiConfig;
import dev.trii.training.dataset.SplitSettings;
import dev.trii.training.evaluation.LatencyProbe;
import dev.trii.training.gate.GateConfig;
import dev.trii.training.gate.GateConfigLoader;
import dev.trii.training.xgboost.XGBoostSettings;

/**
 * How the pipeline trains and judges a model: trainer settings, the time split, the gates, the latency probe,
 * the least data it accepts and whether a passing candidate is promoted.
 *
 * @param minLabelledRows fewer labelled feature rows than this stop the pipeline; default 500, range [50, ∞)
 * @param promote true (default): the decision is recorded and a passing candidate becomes champion; false: the
 *     candidate is trained, evaluated, registered and judged, but neither the decision nor the champion is written
 */
public record TrainingOptions(XGBoostSettings xgboost, SplitSettings split, GateConfig gates, LatencyProbe latency,
    int minLabelledRows, boolean promote) {

  public static final int DEFAULT_MIN_LABELLED_ROWS = 500;

  public TrainingOptions {
    if (minLabelledRows < 50) {
      throw new IllegalArgumentException("minimum labelled rows must be >= 50, got " + minLabelledRows);
    }
  }

  /** Defaults everywhere, with the gates of this configuration ({@code TRII_GATES_FILE} or the built-in ones). */
  public static TrainingOptions from(TriiConfig config) {
    return defaultsWith(GateConfigLoader.load(config));
  }

  /** Defaults everywhere, with the built-in gates. */
  public static TrainingOptions defaults() {
    return defaultsWith(GateConfigLoader.loadDefault());
  }

  private static TrainingOptions defaultsWith(GateConfig gates) {
    return new TrainingOptions(XGBoostSettings.defaults(), SplitSettings.DEFAULT, gates, LatencyProbe.DEFAULT,
        DEFAULT_MIN_LABELLED_ROWS, true);
  }

  public TrainingOptions withXgboost(XGBoostSettings settings) {
    return new TrainingOptions(settings, split, gates, latency, minLabelledRows, promote);
  }

  public TrainingOptions withMinLabelledRows(int rows) {
    return new TrainingOptions(xgboost, split, gates, latency, rows, promote);
  }

  /** These options with promotion on (the gate decides) or off (judge, never promote). */
  public TrainingOptions withPromotion(boolean promotion) {
    return new TrainingOptions(xgboost, split, gates, latency, minLabelledRows, promotion);
  }
}
