package dev.trii.scoring.predict;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.market.BarRepository;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ServingModel;
import dev.trii.scoring.predictionlog.FeatureHash;
import dev.trii.scoring.predictionlog.LoggedPrediction;
import dev.trii.scoring.predictionlog.PredictionLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores requests with the champion: a client's feature vector as given, or a symbol's features computed from its
 * latest bars by the model's evaluator ({@link dev.trii.core.model.Predictor#featuresOf}) with the feature set that
 * built the training rows. Every answer goes to the {@link PredictionLog} (when its request is sampled), without
 * waiting for it.
 */
public final class PredictionService {

  private final ChampionModel champion;
  private final FeatureSet featureSet;
  private final BarRepository bars;
  private final Clock clock;
  private final Duration maxBarAge;
  private final PredictionLog log;

  /**
   * @param maxBarAge a prediction by symbol whose latest bar ended longer ago is flagged stale
   * @param log where the answers are logged
   */
  public PredictionService(ChampionModel champion, FeatureSet featureSet, BarRepository bars, Clock clock,
      Duration maxBarAge, PredictionLog log) {
    this.clock = clock;
    this.maxBarAge = maxBarAge;
    this.champion = champion;
    this.featureSet = featureSet;
    this.bars = bars;
    this.log = log;
  }

  /** @param requestId the id the request is logged under */
  public Prediction predict(PredictRequest request, String requestId) {
    if (request instanceof PredictRequest.ByFeatures byFeatures) {
      return byFeatures(byFeatures.values(), requestId);
    }
    return bySymbol(((PredictRequest.BySymbol) request).symbol(), requestId);
  }

  /**
   * Scores every row with the same model version (one lease for the whole batch), in the order given; each row is
   * logged with its index.
   *
   * @throws InvalidRequestException naming the first row whose features do not fit the model
   */
  public BatchPrediction predictBatch(List<Map<String, Double>> rows, String requestId) {
    try (ChampionModel.Lease lease = champion.lease()) {
      ServingModel model = lease.model();
      List<float[]> vectors = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        try {
          vectors.add(FeatureVector.inOrder(model.featureNames(), rows.get(i)));
        } catch (InvalidRequestException e) {
          throw e.inRow(i);
        }
      }
      List<BatchPrediction.Row> answers = new ArrayList<>(vectors.size());
      for (float[] vector : vectors) {
        double probability = model.probabilityUp(vector);
        answers.add(new BatchPrediction.Row(probability, Prediction.direction(probability)));
      }
      if (log.keeps(requestId)) {
        Instant now = clock.instant();
        for (int i = 0; i < vectors.size(); i++) {
          log.offer(logged(requestId, i, model, vectors.get(i), answers.get(i).probabilityUp(), null, null, now));
        }
      }
      return new BatchPrediction(model.version().name(), model.version().version(), featureSetOf(model), answers);
    }
  }

  private Prediction byFeatures(Map<String, Double> values, String requestId) {
    try (ChampionModel.Lease lease = champion.lease()) {
      ServingModel model = lease.model();
      float[] vector = FeatureVector.inOrder(model.featureNames(), values);
      Prediction answer = answer(model, model.probabilityUp(vector), null, null, null);
      if (log.keeps(requestId)) {
        log.offer(logged(requestId, 0, model, vector, answer.probabilityUp(), null, null, clock.instant()));
      }
      return answer;
    }
  }

  /**
   * Features computed from the symbol's latest session bars.
   *
   * @throws dev.trii.core.model.Predictor.FeatureSetMismatchException when the model was trained on another feature
   *     set version or needs features this server does not compute
   */
  private Prediction bySymbol(String symbol, String requestId) {
    try (ChampionModel.Lease lease = champion.lease()) {
      return bySymbol(symbol, lease.model(), requestId);
    }
  }

  private Prediction bySymbol(String symbol, ServingModel model, String requestId) {
    List<Bar> sessionBars = bars.latestSessionBars(symbol);
    if (sessionBars.isEmpty()) {
      throw new UnknownSymbolException(symbol);
    }
    double[] values = model.predictor().featuresOf(featureSet, sessionBars);
    List<String> names = model.featureNames();
    Map<String, Double> shown = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      shown.put(names.get(i), Double.isNaN(values[i]) ? null : values[i]);
    }
    float[] vector = FeatureVector.toFloats(names, values);
    Instant asOf = sessionBars.get(sessionBars.size() - 1).barInstant();
    // the bar covers the minute from its start: its data ends a minute later
    long age = Math.max(0, Duration.between(asOf.plus(Duration.ofMinutes(1)), clock.instant()).toSeconds());
    Prediction answer = answer(model, model.probabilityUp(vector), symbol, asOf, shown);
    if (log.keeps(requestId)) {
      log.offer(logged(requestId, 0, model, vector, answer.probabilityUp(), symbol, asOf, clock.instant()));
    }
    return new Prediction(answer.model(), answer.modelVersion(), answer.probabilityUp(), answer.prediction(),
        answer.featureSet(), symbol, asOf, shown, age, age > maxBarAge.toSeconds());
  }

  private Prediction answer(ServingModel model, double probabilityUp, String symbol, Instant asOf,
      Map<String, Double> features) {
    return new Prediction(model.version().name(), model.version().version(), probabilityUp,
        Prediction.direction(probabilityUp), featureSetOf(model), symbol, asOf, features, null, null);
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
        model.version().runId(), featureSetOf(model), FeatureHash.sha256(vector), probabilityUp,
        Prediction.direction(probabilityUp), symbol, asOf, tradingDate, now);
  }
}
