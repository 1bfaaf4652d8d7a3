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
 * @param featuresSha256 {@link FeatureHash} of the vector scored
 * @param direction "up" or "down"
 * @param symbol the symbol asked for; null for a prediction by feature vector
 * @param asOf time of the bar the features describe (by symbol); null by feature vector
 * @param tradingDate that bar's trading date in the symbol's calendar; null by feature vector
 * @param loggedAt when it was served
 */
public record LoggedPrediction(String requestId, int rowIndex, String modelName, int modelVersion, String runId,
    String featureSet, String featuresSha256, double probabilityUp, String direction, String symbol, Instant asOf,
    LocalDate tradingDate, Instant loggedAt) {}
