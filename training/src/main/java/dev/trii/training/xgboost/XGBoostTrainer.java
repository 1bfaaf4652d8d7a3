package dev.trii.training.xgboost;

import dev.trii.training.dataset.LabelledDataset;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a binary XGBoost classifier ({@code binary:logistic}, {@code hist}) with early stopping on the
 * early-stopping split's log loss (never the holdout's). One pass finds the best round; the saved model keeps the
 * trees up to it ({@link BoosterRounds}: the bytes a training of exactly that many rounds gives, without boosting
 * them again), so it carries no trees past the best one and the same data and settings always give the same model
 * bytes.
 */
public final class XGBoostTrainer {

  private static final Logger log = LoggerFactory.getLogger(XGBoostTrainer.class);

  private final DeviceSelector devices;

  public XGBoostTrainer(DeviceSelector devices) {
    this.devices = devices;
  }

  /** A trainer that looks for a GPU on this machine. */
  public static XGBoostTrainer onThisMachine() {
    return new XGBoostTrainer(new DeviceSelector(new SystemGpuProbe()));
  }

  /**
   * @throws IllegalArgumentException when a split is empty or the training labels hold only one class
   * @throws IllegalStateException when XGBoost fails (its message included)
   */
  public TrainedModel train(LabelledDataset train, LabelledDataset earlyStopping, XGBoostSettings settings) {
    if (train.isEmpty() || earlyStopping.isEmpty()) {
      throw new IllegalArgumentException("training needs rows in both the train (" + train.rows()
          + ") and the early-stopping (" + earlyStopping.rows() + ") split");
    }
    long positives = train.positives();
    if (positives == 0 || positives == train.rows()) {
      throw new IllegalArgumentException("the " + train.rows() + " training rows all carry label "
          + (positives == 0 ? 0 : 1) + ": nothing to learn");
    }
    DeviceSelector.Choice device = devices.choose(settings.device());
    Map<String, Object> params = params(settings, device.device());
    long started = System.nanoTime();
    DMatrix trainMatrix = null;
    DMatrix validationMatrix = null;
    Booster booster = null;
    try {
      trainMatrix = matrix(train);
      validationMatrix = matrix(earlyStopping);
      double matrixSeconds = (System.nanoTime() - started) / 1e9;
      float[][] curve = new float[1][settings.rounds()];
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      watches.put("early_stopping", validationMatrix);
      long boostStarted = System.nanoTime();
      booster = XGBoost.train(trainMatrix, params, settings.rounds(), watches, curve, null, null,
          settings.earlyStoppingRounds());
      double boostSeconds = (System.nanoTime() - boostStarted) / 1e9;
      int roundsRun = booster.getNumBoostedRound();
      int best = argmin(curve[0], roundsRun);
      // the final model: exactly best + 1 rounds, no early-stopping attributes, identical bytes for identical input —
      // the first best + 1 trees of this run, which are the trees a best + 1 round run grows
      byte[] firstRounds = BoosterRounds.first(booster.toByteArray("json"), best + 1);
      booster.dispose();
      booster = XGBoost.loadModel(firstRounds);
      booster.setParam("nthread", params.get("nthread"));
      XGBoostModel model = XGBoostModel.of(booster, train.columns());
      byte[] json = model.toJson();
      double seconds = (System.nanoTime() - started) / 1e9;
      log.info("trained {} rounds (best of {} run) on {} rows in {} s on device {} ({}); early-stopping log loss {}",
          best + 1, roundsRun, train.rows(), String.format("%.2f", seconds), device.device(), device.reason(),
          curve[0][best]);
      Map<String, String> logged = new LinkedHashMap<>();
      params.forEach((key, value) -> logged.put(key, String.valueOf(value)));
      return new TrainedModel(model, json, best, roundsRun, device.device(), device.reason(),
          logged, seconds, matrixSeconds, boostSeconds);
    } catch (XGBoostError | IOException e) {
      if (booster != null) {
        booster.dispose();
      }
      log.error("XGBoost training failed", e);
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (trainMatrix != null) {
        trainMatrix.dispose();
      }
      if (validationMatrix != null) {
        validationMatrix.dispose();
      }
    }
  }

  /** XGBoost's parameters for these settings on that device. */
  public static Map<String, Object> params(XGBoostSettings settings, String device) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("objective", "binary:logistic");
    params.put("tree_method", "hist");
    params.put("device", device);
    params.put("eval_metric", "logloss");
    params.put("maximize_evaluation_metrics", "false");
    params.put("eta", settings.eta());
    params.put("max_depth", settings.maxDepth());
    params.put("subsample", settings.subsample());
    params.put("colsample_bytree", settings.colsampleBytree());
    params.put("min_child_weight", settings.minChildWeight());
    params.put("lambda", settings.lambda());
    params.put("seed", settings.seed());
    params.put("nthread", settings.effectiveThreads());
    params.put("verbosity", 1);
    params.put("verbose_eval", "false");
    return params;
  }

  private static DMatrix matrix(LabelledDataset data) throws XGBoostError {
    DMatrix matrix = new DMatrix(data.features(), data.rows(), data.columns(), Float.NaN);
    matrix.setLabel(data.labels());
    return matrix;
  }

  private static int argmin(float[] values, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }
}
