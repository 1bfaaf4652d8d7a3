package dev.trii.scoring.predictionlog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the prediction log: a prediction as it was served.
 *
 * @param requestId the id of the request that asked for it
 * @param rowIndex its place in a batch request; 0 for a single prediction
 * @param runId the registry run that trained the model version; null when unknown
 * @param featureSet the feature-set version of the features
 * @param features the vector scored, in the model's feature order; the writer logs its {@link FeatureHash}, off the
 *     request path (it is the request's own array, which nothing changes after scoring)
 * @param direction "up" or "down"
 * @param symbol the symbol asked for; null for a prediction by feature vector
 * @param asOf time of the bar the features describe (by symbol); null by feature vector
 * @param tradingDate that bar's trading date in the symbol's calendar; null by feature vector
 * @param loggedAt when it was served
 */
public record LoggedPrediction(String requestId, int rowIndex, String modelName, int modelVersion, String runId,
    String featureSet, float[] features, double probabilityUp, String direction, String symbol, Instant asOf,
    LocalDate tradingDate, Instant loggedAt) {}
