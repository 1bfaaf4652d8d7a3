package dev.trii.scoring.http;

import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.predict.BatchPrediction;
import dev.trii.scoring.predict.PredictRequest;
import dev.trii.scoring.predict.PredictRequestParser;
import dev.trii.scoring.predict.Prediction;
import dev.trii.scoring.predict.PredictionService;
import io.javalin.http.Context;

/**
 * {@code POST /v1/predict}: scores a feature vector or a symbol with the champion model; {@code POST
 * /v1/predict/batch}: up to {@value PredictRequestParser#MAX_BATCH_ROWS} feature vectors with one model version. The
 * answers are logged under the request's id ({@link RequestIds}).
 */
final class PredictController {

  private final PredictionService predictions;
  private final PredictRequestParser parser;
  private final RequestBodies bodies;
  private final RequestBodies batchBodies;
  private final ScoringMetrics metrics;

  PredictController(PredictionService predictions, PredictRequestParser parser, RequestBodies bodies,
      RequestBodies batchBodies, ScoringMetrics metrics) {
    this.predictions = predictions;
    this.parser = parser;
    this.bodies = bodies;
    this.batchBodies = batchBodies;
    this.metrics = metrics;
  }

  void predictBatch(Context ctx) {
    var rows = parser.parseBatch(batchBodies.read(ctx));
    long start = System.nanoTime();
    BatchPrediction answer = predictions.predictBatch(rows, RequestIds.of(ctx));
    metrics.predictionServed("batch", System.nanoTime() - start);
    ctx.json(answer);
  }

  void predict(Context ctx) {
    PredictRequest request = parser.parse(bodies.read(ctx));
    long start = System.nanoTime();
    Prediction prediction = predictions.predict(request, RequestIds.of(ctx));
    metrics.predictionServed(request instanceof PredictRequest.BySymbol ? "symbol" : "features",
        System.nanoTime() - start);
    ctx.json(prediction);
  }
}
