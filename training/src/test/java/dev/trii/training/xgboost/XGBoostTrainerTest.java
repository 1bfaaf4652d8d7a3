package dev.trii.training.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.features.FeatureSet;
import dev.trii.training.dataset.DatasetSplit;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.dataset.SplitSettings;
import dev.trii.training.dataset.TimeSplitter;
import dev.trii.training.evaluation.BinaryMetrics;
import dev.trii.training.testing.LabelledRows;
import dev.trii.training.testing.SyntheticBars;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** XGBoost training on generated bars: reproducible bytes, early stopping, learnable versus random data. */
class XGBoostTrainerTest {

  private static final FeatureSet FEATURES = FeatureSet.v2();
  private static final XGBoostTrainer TRAINER = XGBoostTrainer.onThisMachine();
  private static final XGBoostSettings SETTINGS = XGBoostSettings.defaults().with("nthread", "1");

  private static DatasetSplit market;
  private static DatasetSplit randomWalk;

  @BeforeAll
  static void generateData() {
    market = split(SyntheticBars.market(3, "AAA", "BBB", "CCC"));
    randomWalk = split(SyntheticBars.randomWalk(3, "AAA", "BBB", "CCC"));
  }

  private static DatasetSplit split(SyntheticBars bars) {
    LabelledDataset data = LabelledRows.dataset(FEATURES, bars.sessionsBars());
    return new TimeSplitter(SplitSettings.DEFAULT).split(data, FEATURES.horizonMinutes() * 60_000L);
  }

  @Test
  void sameDataAndSettingsGiveTheSameModelBytes() {
    TrainedModel first = TRAINER.train(market.train(), market.earlyStopping(), SETTINGS);
    TrainedModel second = TRAINER.train(market.train(), market.earlyStopping(), SETTINGS);
    try {
      assertThat(second.modelJson()).isEqualTo(first.modelJson());
      assertThat(new String(first.modelJson(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("{").contains("\"binary:logistic\"");
    } finally {
      first.model().close();
      second.model().close();
    }
  }

  @Test
  void theKeptRoundsHaveTheBytesOfATrainingThatStopsThereWithoutBoostingThemTwice() throws Exception {
    TrainedModel trained = TRAINER.train(market.train(), market.earlyStopping(), SETTINGS);
    Map<String, Object> params = XGBoostTrainer.params(SETTINGS, "cpu");
    DMatrix matrix = new DMatrix(market.train().features(), market.train().rows(), market.train().columns(),
        Float.NaN);
    matrix.setLabel(market.train().labels());
    Booster direct = XGBoost.train(matrix, params, trained.bestIteration() + 1, Map.of(), null, null, null, 0);
    try {
      assertThat(trained.roundsRun()).isGreaterThan(trained.bestIteration() + 1);
      assertThat(trained.modelJson()).isEqualTo(direct.toByteArray("json"));
    } finally {
      direct.dispose();
      matrix.dispose();
      trained.model().close();
    }
  }

  @Test
  void earlyStoppingKeepsOnlyTheRoundsUpToTheBest() {
    TrainedModel trained = TRAINER.train(market.train(), market.earlyStopping(), SETTINGS);
    try {
      assertThat(trained.roundsRun()).isLessThan(SETTINGS.rounds());
      assertThat(trained.roundsRun()).isEqualTo(trained.bestIteration() + 1 + SETTINGS.earlyStoppingRounds());
      assertThat(trained.model().rounds()).isEqualTo(trained.bestIteration() + 1);
      assertThat(trained.device()).isEqualTo("cpu");
      assertThat(trained.params()).containsEntry("objective", "binary:logistic").containsEntry("tree_method", "hist")
          .containsEntry("nthread", "1").containsEntry("seed", "42");
    } finally {
      trained.model().close();
    }
  }

  @Test
  void learnsTheQueueImbalanceEffectButNothingFromARandomWalk() {
    double marketAccuracy = holdoutAccuracy(market);
    double randomAccuracy = holdoutAccuracy(randomWalk);

    assertThat(marketAccuracy).isGreaterThan(0.70);
    assertThat(randomAccuracy).isBetween(0.40, 0.60);
  }

  @Test
  void aReloadedModelPredictsTheSameAsTheTrainedOne() {
    TrainedModel trained = TRAINER.train(market.train(), market.earlyStopping(), SETTINGS);
    try (XGBoostModel reloaded = XGBoostModel.load(trained.modelJson(), FEATURES.names().size())) {
      double[] batch = trained.model().predict(market.holdout());
      double[] again = reloaded.predict(market.holdout());
      assertThat(again).containsExactly(batch);
      assertThat(reloaded.predictOne(market.holdout().row(0))).isEqualTo(batch[0]);
      assertThat(trained.model().gain(FEATURES.names())).containsOnlyKeys(FEATURES.names())
          .allSatisfy((name, gain) -> assertThat(gain).isNotNegative());
    } finally {
      trained.model().close();
    }
  }

  @Test
  void refusesLabelsOfASingleClass() {
    LabelledDataset oneClass = new LabelledDataset(List.of("x"), new float[] {1, 2, 3}, new float[] {1, 1, 1},
        new long[] {1, 2, 3}, new String[] {"A", "A", "A"});
    assertThatThrownBy(() -> TRAINER.train(oneClass, oneClass, SETTINGS))
        .hasMessage("the 3 training rows all carry label 1: nothing to learn");
  }

  /** Accuracy on the holdout, which early stopping never saw. */
  private static double holdoutAccuracy(DatasetSplit split) {
    TrainedModel trained = TRAINER.train(split.train(), split.earlyStopping(), SETTINGS);
    try {
      return BinaryMetrics.compute(split.holdout().labels(), trained.model().predict(split.holdout()), 1)
          .accuracy();
    } finally {
      trained.model().close();
    }
  }
}
