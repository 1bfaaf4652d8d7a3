package dev.trii.scoring.predict;

import java.util.Collections;
import java.util.Map;

/** A parsed {@code POST /v1/predict} body: either a feature vector by name or a symbol to compute it for. */
public sealed interface PredictRequest {

  /**
   * Features given by the client.
   *
   * @param values feature name to value; NaN where the client sent null (missing)
   */
  record ByFeatures(Map<String, Double> values) implements PredictRequest {
    public ByFeatures {
      values = Collections.unmodifiableMap(values); // the parser's own map, not shared: no copy on the hot path
    }
  }

  /** Features computed from the symbol's latest bars. */
  record BySymbol(String symbol) implements PredictRequest {}
}
