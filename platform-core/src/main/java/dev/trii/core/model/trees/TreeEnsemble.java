package dev.trii.core.model.trees;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The boosted trees of a binary classifier (XGBoost {@code gbtree}, objective {@code binary:logistic}) evaluated in
 * plain Java, with XGBoost's CPU predictor's arithmetic: the margin starts at the base margin (the logit of the base
 * score) and adds each tree's leaf value in tree order, in float32; the probability is the sigmoid of the margin.
 * Read from a model file by {@link XGBoostJsonReader}. Immutable and allocation-free when scoring, so request threads
 * share one.
 */
public final class TreeEnsemble {

  private final int featureCount;
  private final float baseMargin;
  private final DecisionTree[] trees;

  TreeEnsemble(int featureCount, float baseMargin, List<DecisionTree> trees) {
    this.featureCount = featureCount;
    this.baseMargin = baseMargin;
    this.trees = trees.toArray(new DecisionTree[0]);
  }

  /** The number of values a row holds. */
  public int featureCount() {
    return featureCount;
  }

  public int treeCount() {
    return trees.length;
  }

  /**
   * The margin (log-odds) of a row: its values in feature order, NaN where missing.
   *
   * @throws IllegalArgumentException when the row does not hold {@link #featureCount()} values
   */
  public float margin(float[] row) {
    if (row.length != featureCount) {
      throw new IllegalArgumentException("the model takes " + featureCount + " features, the row has " + row.length);
    }
    float margin = baseMargin;
    for (DecisionTree tree : trees) {
      margin += tree.leafValue(row);
    }
    return margin;
  }

  /**
   * The probability of label 1 for a row: its values in feature order, NaN where missing.
   *
   * @throws IllegalArgumentException when the row does not hold {@link #featureCount()} values
   */
  public float probability(float[] row) {
    return Logistic.sigmoid(margin(row));
  }

  /**
   * The distinct thresholds the trees split each feature at: element {@code f} holds feature {@code f}'s, ascending,
   * empty when no tree splits on it.
   */
  public float[][] thresholdsByFeature() {
    List<TreeSet<Float>> byFeature = new ArrayList<>();
    for (int feature = 0; feature < featureCount; feature++) {
      byFeature.add(new TreeSet<>());
    }
    for (DecisionTree tree : trees) {
      tree.forEachSplit((feature, threshold) -> byFeature.get(feature).add(threshold));
    }
    float[][] thresholds = new float[featureCount][];
    for (int feature = 0; feature < featureCount; feature++) {
      thresholds[feature] = new float[byFeature.get(feature).size()];
      int i = 0;
      for (float threshold : byFeature.get(feature)) {
        thresholds[feature][i++] = threshold;
      }
    }
    return thresholds;
  }
}
