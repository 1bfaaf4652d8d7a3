package dev.trii.scoring.predict;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.market.BarRepository;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.model.ServingModel;
import dev.trii.scoring.predictionlog.LoggedPrediction;
import dev.trii.scoring.predictionlog.PredictionLog;
import dev.trii.scoring.rollout.Arm;
import dev.trii.scoring.rollout.LiveRollout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores requests: a client's feature vector as given, or a symbol's features computed from its latest bars by the
 * model's evaluator ({@link dev.trii.core.model.Predictor#featuresOf}) with the feature set that built the training
 * rows. The model is the champion, or the challenger for a canary's share of the clients ({@link LiveRollout#pick});
 * each request's outcome and latency go to the rollout's judge, and in shadow mode the challenger scores it too,
 * off the request path. Every answer names the model version and run that made it, and goes to the
 * {@link PredictionLog} (when its request is sampled) without waiting for it.
 */
public final class PredictionService {

  private final LiveRollout rollout;
  private final FeatureSet featureSet;
  private final BarRepository bars;
  private final Clock clock;
  private final Duration maxBarAge;
  private final PredictionLog log;
  private final ScoringMetrics metrics;

  /**
   * @param maxBarAge a prediction by symbol whose latest bar ended longer ago is flagged stale
   * @param log where the answers are logged
   */
  public PredictionService(LiveRollout rollout, FeatureSet featureSet, BarRepository bars, Clock clock,
      Duration maxBarAge, PredictionLog log, ScoringMetrics metrics) {
    this.rollout = rollout;
    this.featureSet = featureSet;
    this.bars = bars;
    this.clock = clock;
    this.maxBarAge = maxBarAge;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * @param requestId the id the request is logged under
   * @param clientId who asks (a canary keeps each client on one side)
   */
  public Prediction predict(PredictRequest request, String requestId, String clientId) {
    try (LiveRollout.Pick pick = rollout.pick(clientId)) {
      ServingModel model = pick.lease().model();
      long start = System.nanoTime();
      Prediction answer;
      try {
        answer = request instanceof PredictRequest.ByFeatures byFeatures
            ? byFeatures(byFeatures.values(), model, pick.arm(), requestId)
            : bySymbol(((PredictRequest.BySymbol) request).symbol(), model, pick.arm(), requestId);
      } catch (UnknownSymbolException e) {
        throw e; // the symbol's fault, not the model's
      } catch (RuntimeException e) {
        rollout.record(pick.arm(), true, System.nanoTime() - start);
        throw e;
      }
      rollout.record(pick.arm(), false, System.nanoTime() - start);
      metrics.predicted(answer.modelVersion(), answer.servedBy(), 1);
      return answer;
    }
  }

  /**
   * Scores every row with the same model version (one lease for the whole batch), in the order given; each row is
   * logged with its index.
   *
   * @throws InvalidRequestException naming the first row whose features do not fit the model
   */
  public BatchPrediction predictBatch(List<Map<String, Double>> rows, String requestId, String clientId) {
    try (LiveRollout.Pick pick = rollout.pick(clientId)) {
      ServingModel model = pick.lease().model();
      List<float[]> vectors = new ArrayList<>(rows.size());
      List<BatchPrediction.Row> answers = new ArrayList<>(rows.size());
      try {
        for (int i = 0; i < rows.size(); i++) {
          try {
            vectors.add(FeatureVector.inOrder(model.featureNames(), rows.get(i)));
          } catch (InvalidRequestException e) {
            throw e.inRow(i);
          }
        }
        for (float[] vector : vectors) {
          double probability = model.probabilityUp(vector);
          answers.add(new BatchPrediction.Row(probability, Prediction.direction(probability)));
        }
      } catch (RuntimeException e) {
        rollout.record(pick.arm(), true, -1);
        throw e;
      }
      rollout.record(pick.arm(), false, -1);
      metrics.predicted(model.version().version(), pick.arm().label(), rows.size());
      if (log.keeps(requestId)) {
        Instant now = clock.instant();
        for (int i = 0; i < vectors.size(); i++) {
          log.offer(logged(requestId, i, model, vectors.get(i), answers.get(i).probabilityUp(), null, null, now));
        }
      }
      return new BatchPrediction(model.version().name(), model.version().version(), model.version().runId(),
          pick.arm().label(), featureSetOf(model), answers);
    }
  }

  private Prediction byFeatures(Map<String, Double> values, ServingModel model, Arm arm, String requestId) {
    float[] vector = FeatureVector.inOrder(model.featureNames(), values);
    double probability = model.probabilityUp(vector);
    if (log.keeps(requestId)) {
      log.offer(logged(requestId, 0, model, vector, probability, null, null, clock.instant()));
    }
    rollout.shadow(probability, challenger ->
        challenger.probabilityUp(FeatureVector.inOrder(challenger.featureNames(), values)));
    return answer(model, arm, probability, null, null, null, null);
  }

  /**
   * Features computed from the symbol's latest session bars.
   *
   * @throws dev.trii.core.model.Predictor.FeatureSetMismatchException when the model was trained on another feature
   *     set version or needs features this server does not compute
   */
  private Prediction bySymbol(String symbol, ServingModel model, Arm arm, String requestId) {
    List<Bar> sessionBars = bars.latestSessionBars(symbol);
    if (sessionBars.isEmpty()) {
      throw new UnknownSymbolException(symbol);
    }
    double[] values = model.predictor().featuresOf(featureSet, sessionBars);
    float[] vector = FeatureVector.toFloats(model.featureNames(), values);
    double probability = model.probabilityUp(vector);
    Map<String, Double> shown = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      shown.put(model.featureNames().get(i), Double.isNaN(values[i]) ? null : values[i]);
    }
    Instant asOf = sessionBars.get(sessionBars.size() - 1).barInstant();
    // the bar covers the minute from its start: its data ends a minute later
    long age = Math.max(0, Duration.between(asOf.plus(Duration.ofMinutes(1)), clock.instant()).toSeconds());
    if (log.keeps(requestId)) {
      log.offer(logged(requestId, 0, model, vector, probability, symbol, asOf, clock.instant()));
    }
    rollout.shadow(probability, challenger -> challenger.probabilityUp(featuresOf(challenger, sessionBars)));
    return answer(model, arm, probability, symbol, asOf, shown, age);
  }

  private float[] featuresOf(ServingModel model, List<Bar> sessionBars) {
    return FeatureVector.toFloats(model.featureNames(), model.predictor().featuresOf(featureSet, sessionBars));
  }

  private Prediction answer(ServingModel model, Arm arm, double probabilityUp, String symbol, Instant asOf,
      Map<String, Double> features, Long barAgeSeconds) {
    return new Prediction(model.version().name(), model.version().version(), model.version().runId(), arm.label(),
        probabilityUp, Prediction.direction(probabilityUp), featureSetOf(model), symbol, asOf, features, barAgeSeconds,
        barAgeSeconds == null ? null : barAgeSeconds > maxBarAge.toSeconds());
  }

  /** The feature-set version of the model's features (the server's own for a model that does not say). */
  private String featureSetOf(ServingModel model) {
    return model.metadata().featureSetVersion() == null ? featureSet.version() : model.metadata().featureSetVersion();
  }

  /** The log's row for one answer; a prediction by symbol also names its bar and the bar's trading date. */
  private LoggedPrediction logged(String requestId, int row, ServingModel model, float[] vector, double probabilityUp,
      String symbol, Instant asOf, Instant now) {
    LocalDate tradingDate = symbol == null ? null : featureSet.calendar(symbol).tradingDate(asOf.toEpochMilli());
    return new LoggedPrediction(requestId, row, model.version().name(), model.version().version(),
        model.version().runId(), featureSetOf(model), vector, probabilityUp,
        Prediction.direction(probabilityUp), symbol, asOf, tradingDate, now);
  }
}
