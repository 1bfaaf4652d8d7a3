package dev.trii.scoring.predict;

import java.util.List;

/**
 * The answer to a batch prediction: every row scored by the same model version, in the order of the request.
 *
 * @param runId the training run that made the model
 * @param servedBy {@code champion}, or {@code challenger} for a client in a canary
 * @param predictions one per request row
 */
public record BatchPrediction(String model, int modelVersion, String runId, String servedBy, String featureSet,
    List<Row> predictions) {

  /** One row's answer. */
  public record Row(double probabilityUp, String prediction) {}

  public BatchPrediction {
    predictions = List.copyOf(predictions);
  }
}
