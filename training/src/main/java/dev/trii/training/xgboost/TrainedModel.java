package dev.trii.training.xgboost;

import java.util.Map;

/**
 * The outcome of one training: the model, its bytes in XGBoost's JSON format, and how it was trained.
 *
 * @param bestIteration 0-based round with the lowest validation log loss; the model keeps rounds 0..best
 * @param roundsRun rounds the early-stopping pass ran before it stopped
 * @param device where it trained (cpu or cuda), as chosen by {@link DeviceSelector}
 * @param deviceReason why that device
 * @param params the parameters XGBoost received
 * @param trainSeconds wall time of the whole {@code train} call: building the matrices, boosting, keeping the best
 *     rounds
 * @param matrixSeconds the part of {@code trainSeconds} spent building the train and early-stopping {@code DMatrix}
 * @param boostSeconds the part spent in {@code XGBoost.train}; the rest is the trainer's own work
 */
public record TrainedModel(XGBoostModel model, byte[] modelJson, int bestIteration, int roundsRun, String device,
    String deviceReason, Map<String, String> params, double trainSeconds, double matrixSeconds,
    double boostSeconds) {}
