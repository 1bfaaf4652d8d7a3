package dev.trii.scoring.predict;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ServingModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores requests with the champion: a client's feature vector as given, or a symbol's features computed from its
 * latest bars with {@link FeatureSet#latestFeatures} — the same code that built the training set.
 */
public final class PredictionService {

  private final ChampionModel champion;
  private final FeatureSet featureSet;
  private final BarRepository bars;

  public PredictionService(ChampionModel champion, FeatureSet featureSet, BarRepository bars) {
    this.champion = champion;
    this.featureSet = featureSet;
    this.bars = bars;
  }

  public Prediction predict(PredictRequest request) {
    if (request instanceof PredictRequest.ByFeatures byFeatures) {
      return byFeatures(byFeatures.values());
    }
    return bySymbol(((PredictRequest.BySymbol) request).symbol());
  }

  private Prediction byFeatures(Map<String, Double> values) {
    ServingModel model = champion.require();
    float[] vector = FeatureVector.inOrder(model.featureNames(), values);
    return answer(model, model.probabilityUp(vector), null, null, null);
  }

  private Prediction bySymbol(String symbol) {
    ServingModel model = champion.require();
    String modelFeatureSet = model.metadata().featureSetVersion();
    if (modelFeatureSet != null && !modelFeatureSet.equals(featureSet.version())) {
      throw new FeatureSetMismatchException("model " + model.version().name() + " v" + model.version().version()
          + " was trained on feature set " + modelFeatureSet + " but this server computes " + featureSet.version()
          + ": predict by features instead");
    }
    List<Bar> sessionBars = bars.latestSessionBars(symbol);
    if (sessionBars.isEmpty()) {
      throw new UnknownSymbolException(symbol);
    }
    double[] computed = featureSet.latestFeatures(sessionBars);
    Map<String, Double> byName = new LinkedHashMap<>();
    for (int i = 0; i < computed.length; i++) {
      byName.put(featureSet.names().get(i), computed[i]);
    }
    List<String> notComputed = model.featureNames().stream().filter(name -> !byName.containsKey(name)).toList();
    if (!notComputed.isEmpty()) {
      throw new FeatureSetMismatchException("model " + model.version().name() + " v" + model.version().version()
          + " needs features feature set " + featureSet.version() + " does not compute: " + notComputed);
    }
    Map<String, Double> modelFeatures = new LinkedHashMap<>();
    model.featureNames().forEach(name -> modelFeatures.put(name, byName.get(name)));
    float[] vector = FeatureVector.inOrder(model.featureNames(), modelFeatures);
    Map<String, Double> shown = new LinkedHashMap<>();
    modelFeatures.forEach((name, value) -> shown.put(name, Double.isNaN(value) ? null : value));
    Instant asOf = sessionBars.get(sessionBars.size() - 1).barInstant();
    return answer(model, model.probabilityUp(vector), symbol, asOf, shown);
  }

  private Prediction answer(ServingModel model, double probabilityUp, String symbol, Instant asOf,
      Map<String, Double> features) {
    String set = model.metadata().featureSetVersion() == null ? featureSet.version() : model.metadata().featureSetVersion();
    return new Prediction(model.version().name(), model.version().version(), probabilityUp,
        Prediction.direction(probabilityUp), set, symbol, asOf, features);
  }
}
