package dev.trii.scoring.http;

import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.predict.BatchPrediction;
import dev.trii.scoring.predict.PredictRequest;
import dev.trii.scoring.predict.PredictRequestParser;
import dev.trii.scoring.predict.Prediction;
import dev.trii.scoring.predict.PredictionService;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/predict}: scores a feature vector or a symbol with the champion model; {@code POST
 * /v1/predict/batch}: up to {@value PredictRequestParser#MAX_BATCH_ROWS} feature vectors with one model version. The
 * answers are logged under the request's id ({@link RequestIds}).
 */
final class PredictController {

  static final String CLIENT_HEADER = "X-Client-Id";
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

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

  /**
   * Who asks, for a canary's stickiness: the app's own {@code X-Client-Id} (an end user, a device) when it sends a
   * usable one, else its API key.
   */
  static String clientOf(Context ctx) {
    String given = ctx.header(CLIENT_HEADER);
    if (given != null && CLIENT_ID.matcher(given).matches()) {
      return given;
    }
    return ScoringServer.callerOf(ctx).prefix();
  }

  void predictBatch(Context ctx) {
    var rows = parser.parseBatch(batchBodies.read(ctx));
    long start = System.nanoTime();
    BatchPrediction answer = predictions.predictBatch(rows, RequestIds.of(ctx), clientOf(ctx));
    metrics.predictionServed("batch", System.nanoTime() - start);
    JsonAnswers.write(ctx, answer);
  }

  void predict(Context ctx) {
    PredictRequest request = parser.parse(bodies.read(ctx));
    long start = System.nanoTime();
    Prediction prediction = predictions.predict(request, RequestIds.of(ctx), clientOf(ctx));
    metrics.predictionServed(request instanceof PredictRequest.BySymbol ? "symbol" : "features",
        System.nanoTime() - start);
    JsonAnswers.write(ctx, prediction);
  }
}
