package dev.trii.scoring.predict;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ServingModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
  /** Position of each feature in the vector {@link FeatureSet#latestFeatures} computes. */
  private final Map<String, Integer> featureSetColumns;

  public PredictionService(ChampionModel champion, FeatureSet featureSet, BarRepository bars) {
    this.champion = champion;
    this.featureSet = featureSet;
    this.bars = bars;
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < featureSet.names().size(); i++) {
      columns.put(featureSet.names().get(i), i);
    }
    this.featureSetColumns = Map.copyOf(columns);
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
    int[] columns = featureSetColumnsOf(model);
    List<Bar> sessionBars = bars.latestSessionBars(symbol);
    if (sessionBars.isEmpty()) {
      throw new UnknownSymbolException(symbol);
    }
    double[] computed = featureSet.latestFeatures(sessionBars);
    List<String> names = model.featureNames();
    double[] values = new double[names.size()];
    Map<String, Double> shown = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      values[i] = computed[columns[i]];
      shown.put(names.get(i), Double.isNaN(values[i]) ? null : values[i]);
    }
    float[] vector = FeatureVector.toFloats(names, values);
    Instant asOf = sessionBars.get(sessionBars.size() - 1).barInstant();
    return answer(model, model.probabilityUp(vector), symbol, asOf, shown);
  }

  /**
   * Where each of the model's features sits in this server's computed feature vector.
   *
   * @throws FeatureSetMismatchException when the model was trained on another feature set version or needs
   *     features this server does not compute
   */
  private int[] featureSetColumnsOf(ServingModel model) {
    String modelFeatureSet = model.metadata().featureSetVersion();
    if (modelFeatureSet != null && !modelFeatureSet.equals(featureSet.version())) {
      throw new FeatureSetMismatchException("model " + model.version().name() + " v" + model.version().version()
          + " was trained on feature set " + modelFeatureSet + " but this server computes " + featureSet.version()
          + ": predict by features instead");
    }
    List<String> names = model.featureNames();
    int[] columns = new int[names.size()];
    List<String> notComputed = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      Integer column = featureSetColumns.get(names.get(i));
      if (column == null) {
        notComputed.add(names.get(i));
      } else {
        columns[i] = column;
      }
    }
    if (!notComputed.isEmpty()) {
      throw new FeatureSetMismatchException("model " + model.version().name() + " v" + model.version().version()
          + " needs features feature set " + featureSet.version() + " does not compute: " + notComputed);
    }
    return columns;
  }

  private Prediction answer(ServingModel model, double probabilityUp, String symbol, Instant asOf,
      Map<String, Double> features) {
    String set = model.metadata().featureSetVersion() == null ? featureSet.version() : model.metadata().featureSetVersion();
    return new Prediction(model.version().name(), model.version().version(), probabilityUp,
        Prediction.direction(probabilityUp), set, symbol, asOf, features);
  }
}
