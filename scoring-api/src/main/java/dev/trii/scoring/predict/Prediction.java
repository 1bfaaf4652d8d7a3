package dev.trii.scoring.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The answer to a prediction request.
 *
 * @param runId the training run that made the model
 * @param servedBy {@code champion}, or {@code challenger} for a client in a canary
 * @param prediction "up" when {@code probabilityUp >= 0.5}, else "down"
 * @param symbol set when the request named a symbol
 * @param asOf time of the bar the features describe, when the request named a symbol
 * @param features the computed features (null = missing), when the request named a symbol
 * @param barAgeSeconds how long ago the latest bar ended, when the request named a symbol
 * @param stale whether that is longer than the configured limit (the market is closed, or the feed stopped): the
 *     prediction describes the market as it was then
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String model, int modelVersion, String runId, String servedBy, double probabilityUp,
    String prediction, String featureSet, String symbol, Instant asOf, Map<String, Double> features, Long barAgeSeconds,
    Boolean stale) {

  /** The decision threshold on the probability of an up move. */
  public static final double THRESHOLD = 0.5;

  static String direction(double probabilityUp) {
    return probabilityUp >= THRESHOLD ? "up" : "down";
  }
}
