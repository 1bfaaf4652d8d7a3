package dev.trii.scoring.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The answer to a prediction request.
 *
 * @param prediction "up" when {@code probabilityUp >= 0.5}, else "down"
 * @param symbol set when the request named a symbol
 * @param asOf time of the bar the features describe, when the request named a symbol
 * @param features the computed features (null = missing), when the request named a symbol
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String model, int modelVersion, double probabilityUp, String prediction, String featureSet,
    String symbol, Instant asOf, Map<String, Double> features) {

  /** The decision threshold on the probability of an up move. */
  public static final double THRESHOLD = 0.5;

  static String direction(double probabilityUp) {
    return probabilityUp >= THRESHOLD ? "up" : "down";
  }
}
