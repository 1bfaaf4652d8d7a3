package dev.trii.scoring.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders named feature values into the vector a model expects, refusing unknown, missing or unusable values. */
public final class FeatureVector {

  private FeatureVector() {}

  /**
   * The values in the order of {@code names}; NaN stays NaN (missing).
   *
   * @throws InvalidRequestException listing missing and unknown names, or values outside the float range
   */
  public static float[] inOrder(List<String> names, Map<String, Double> values) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!values.containsKey(name)) {
        missing.add(name);
      }
    }
    // every name present and as many values as names: nothing unknown (the usual case, without a search per value)
    List<String> unknown = missing.isEmpty() && values.size() == names.size() ? List.of()
        : values.keySet().stream().filter(name -> !names.contains(name)).sorted().toList();
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      Map<String, Object> details = new LinkedHashMap<>();
      StringBuilder message = new StringBuilder("features do not match the model:");
      if (!missing.isEmpty()) {
        message.append(" missing ").append(missing);
        details.put("missing_features", missing);
      }
      if (!unknown.isEmpty()) {
        message.append(missing.isEmpty() ? "" : ";").append(" unknown ").append(unknown);
        details.put("unknown_features", unknown);
      }
      message.append(" (send every feature the model names, null for a missing value)");
      details.put("expected_features", names);
      throw new InvalidRequestException(message.toString(), details);
    }
    double[] ordered = new double[names.size()];
    for (int i = 0; i < ordered.length; i++) {
      ordered[i] = values.get(names.get(i));
    }
    return toFloats(names, ordered);
  }

  /**
   * The values (in the order of {@code names}) as the float vector XGBoost takes; NaN stays NaN (missing).
   *
   * @throws InvalidRequestException naming the values outside the float range
   */
  static float[] toFloats(List<String> names, double[] values) {
    float[] vector = new float[values.length];
    List<String> outOfRange = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      double value = values[i];
      if (Double.isInfinite(value) || (!Double.isNaN(value) && Math.abs(value) > Float.MAX_VALUE)) {
        outOfRange.add(names.get(i));
      }
      vector[i] = (float) value;
    }
    if (!outOfRange.isEmpty()) {
      throw new InvalidRequestException("feature values out of range for " + outOfRange,
          Map.of("out_of_range_features", outOfRange));
    }
    return vector;
  }
}
