package dev.trii.core.model.trees;

/**
 * One tree of a boosted ensemble, in XGBoost's node layout: node 0 is the root; an inner node sends a row to its left
 * child when the row's value of the node's split feature is below the node's threshold, compared in float32, to its
 * right child (the node after the left one) otherwise, and a missing value (NaN) to its default child; a leaf holds
 * the tree's contribution to the margin. The nodes are packed into one array, {@value #STRIDE} ints each, so that a
 * row's walk reads one cache line per node. Immutable, so any number of threads may walk it.
 */
final class DecisionTree {

  /** The child index XGBoost writes for a leaf. */
  static final int NO_CHILD = -1;

  /** Ints per packed node: split feature ({@link #NO_CHILD} at a leaf), left child, default child, threshold bits. */
  private static final int STRIDE = 4;
  private static final int FEATURE = 0;
  private static final int LEFT = 1;
  private static final int MISSING = 2;
  /** An inner node's threshold or a leaf's value, as float bits (XGBoost keeps both in {@code split_conditions}). */
  private static final int THRESHOLD_OR_VALUE = 3;

  /** Node {@code n} at {@code n * STRIDE}; children are stored as their offsets. */
  private final int[] nodes;

  /**
   * A tree from XGBoost's per-node arrays, all of one length.
   *
   * @param featureCount the number of features of a row; every split feature must be below it
   * @throws IllegalArgumentException when the arrays do not describe one tree rooted at node 0 whose right children
   *     follow their left children (XGBoost's predictor takes the left child's index plus one as the right child)
   */
  DecisionTree(int[] splitFeature, float[] thresholdOrValue, int[] left, int[] right, boolean[] defaultLeft,
      int featureCount) {
    int count = splitFeature.length;
    if (count == 0 || thresholdOrValue.length != count || left.length != count || right.length != count
        || defaultLeft.length != count) {
      throw new IllegalArgumentException("its node arrays are empty or of different lengths");
    }
    requireOneTree(splitFeature, left, right, featureCount);
    nodes = new int[count * STRIDE];
    for (int node = 0; node < count; node++) {
      int at = node * STRIDE;
      boolean leaf = left[node] == NO_CHILD;
      nodes[at + FEATURE] = leaf ? NO_CHILD : splitFeature[node];
      nodes[at + LEFT] = leaf ? NO_CHILD : left[node] * STRIDE;
      nodes[at + MISSING] = leaf ? NO_CHILD : (defaultLeft[node] ? left[node] : right[node]) * STRIDE;
      nodes[at + THRESHOLD_OR_VALUE] = Float.floatToRawIntBits(thresholdOrValue[node]);
    }
  }

  /** The value of the leaf the row reaches: its values in feature order, NaN where missing. */
  float leafValue(float[] row) {
    int at = 0;
    int feature;
    while ((feature = nodes[at + FEATURE]) != NO_CHILD) {
      float value = row[feature];
      if (Float.isNaN(value)) {
        at = nodes[at + MISSING];
      } else {
        // the right child follows the left one; a select the JIT can compile without a branch
        at = nodes[at + LEFT] + (value < Float.intBitsToFloat(nodes[at + THRESHOLD_OR_VALUE]) ? 0 : STRIDE);
      }
    }
    return Float.intBitsToFloat(nodes[at + THRESHOLD_OR_VALUE]);
  }

  /** Hands every split reachable from the root to the visitor, as feature and threshold. */
  void forEachSplit(SplitVisitor visitor) {
    int[] pending = new int[nodes.length / STRIDE];
    int count = 0;
    pending[count++] = 0;
    while (count > 0) {
      int at = pending[--count];
      if (nodes[at + FEATURE] != NO_CHILD) {
        visitor.split(nodes[at + FEATURE], Float.intBitsToFloat(nodes[at + THRESHOLD_OR_VALUE]));
        pending[count++] = nodes[at + LEFT];
        pending[count++] = nodes[at + LEFT] + STRIDE;
      }
    }
  }

  /** Receives a tree's splits. */
  @FunctionalInterface
  interface SplitVisitor {
    void split(int feature, float threshold);
  }

  private static void requireOneTree(int[] splitFeature, int[] left, int[] right, int featureCount) {
    int count = left.length;
    boolean[] reached = new boolean[count];
    int[] pending = new int[count];
    int waiting = 0;
    pending[waiting++] = 0;
    reached[0] = true;
    while (waiting > 0) {
      int node = pending[--waiting];
      if (left[node] == NO_CHILD) {
        if (right[node] != NO_CHILD) {
          throw new IllegalArgumentException("node " + node + " has a right child but no left child");
        }
        continue;
      }
      if (splitFeature[node] < 0 || splitFeature[node] >= featureCount) {
        throw new IllegalArgumentException("node " + node + " splits on feature " + splitFeature[node]
            + " but the model has " + featureCount + " features");
      }
      if (right[node] != left[node] + 1) {
        throw new IllegalArgumentException("node " + node + " has right child " + right[node]
            + ", not the one after its left child " + left[node]);
      }
      for (int child : new int[] {left[node], right[node]}) {
        if (child <= 0 || child >= count || reached[child]) {
          throw new IllegalArgumentException("node " + node + " has child " + child + ", which is not a node of "
              + "its own in a tree of " + count);
        }
        reached[child] = true;
        pending[waiting++] = child;
      }
    }
  }
}
