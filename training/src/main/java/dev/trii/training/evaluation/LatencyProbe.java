package dev.trii.training.evaluation;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.market.BarRepository;
import dev.trii.core.model.Predictor;
import java.util.List;

/**
 * Measures single-prediction latency through the serving path, the way the scoring API pays it for
 * {@code POST /v1/predict {"symbol": …}}: the symbol's latest bars read from {@code bars_1m}, their features computed
 * by the shared feature code, and the model — loaded from its stored artifact into the scoring API's evaluator
 * ({@link Predictor}, one thread) — scoring them. Warm-up calls first, then {@code samples} timed calls cycling over
 * the symbols. HTTP and JSON are left out: they do not depend on the model.
 *
 * @param warmup calls before measuring; default 200
 * @param samples measured calls; default 1,000, at least 1,000
 */
public record LatencyProbe(int warmup, int samples) {

  public static final LatencyProbe DEFAULT = new LatencyProbe(200, 1_000);

  public LatencyProbe {
    if (warmup < 0) {
      throw new IllegalArgumentException("latency warm-up must be >= 0 calls, got " + warmup);
    }
    if (samples < 1_000) {
      throw new IllegalArgumentException("latency samples must be >= 1000 calls, got " + samples);
    }
  }

  /**
   * Times {@code samples} predictions of the symbols' latest bars.
   *
   * @throws IllegalArgumentException when none of the symbols has bars
   */
  public LatencyStats measure(Predictor model, FeatureSet featureSet, BarRepository bars, List<String> symbols) {
    List<String> served = symbols.stream().filter(symbol -> !bars.latestSessionBars(symbol).isEmpty()).toList();
    if (served.isEmpty()) {
      throw new IllegalArgumentException("none of the symbols " + symbols + " has bars in bars_1m to serve from");
    }
    double sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += predict(model, featureSet, bars, served.get(i % served.size()));
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      String symbol = served.get(i % served.size());
      long start = System.nanoTime();
      sink += predict(model, featureSet, bars, symbol);
      nanos[i] = System.nanoTime() - start;
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("the model predicted NaN");
    }
    return LatencyStats.of(nanos);
  }

  private static double predict(Predictor model, FeatureSet featureSet, BarRepository bars, String symbol) {
    List<Bar> sessionBars = bars.latestSessionBars(symbol);
    double[] values = model.featuresOf(featureSet, sessionBars);
    float[] vector = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      vector[i] = (float) values[i];
    }
    return model.probabilityUp(vector);
  }
}
