package dev.trii.core.model.trees;

/**
 * One tree of a boosted ensemble, in XGBoost's node layout: node 0 is the root; an inner node sends a row to its left
 * child when the row's value of the node's split feature is below the node's threshold, compared in float32, to its
 * right child (the node after the left one) otherwise, and a missing value (NaN) to its default child; a leaf holds
 * the tree's contribution to the margin. The nodes are packed into one array, two ints each (8 bytes: a tree of depth 6
 * fits in one kilobyte), so that a row's walk reads a node's fields together and a few hundred trees stay in the CPU's
 * cache between requests. Immutable, so any number of threads may walk it.
 *
 * <p>A leaf's children are the leaf itself, so a walk may take a fixed number of {@link #next steps}, the tree's
 * {@link #depth()}, without asking at each node whether it has arrived: {@link TreeEnsemble} walks several trees in
 * step that way, their loads overlapping in the CPU instead of waiting on each other.
 */
final class DecisionTree {

  /** The child index XGBoost writes for a leaf. */
  static final int NO_CHILD = -1;

  /** Ints per packed node: the threshold (a leaf's value) and the node's links. */
  private static final int STRIDE = 2;
  /** An inner node's threshold or a leaf's value, as float bits (XGBoost keeps both in {@code split_conditions}). */
  private static final int THRESHOLD_OR_VALUE = 0;
  /**
   * The split feature (bits 0–11, 0 at a leaf), whether the node is inner (bit 12: its right child is one node, {@value
   * #STRIDE} ints, after its left one; a leaf's children are itself), whether a missing value goes right (bit 13),
   * and the left child's offset (bits 14–31).
   */
  private static final int LINKS = 1;

  private static final int FEATURE_BITS = 12;
  private static final int INNER_SHIFT = FEATURE_BITS;
  private static final int MISSING_RIGHT_SHIFT = FEATURE_BITS + 1;
  private static final int LEFT_SHIFT = FEATURE_BITS + 2;
  /** The most features a split may name. */
  static final int MAX_FEATURES = 1 << FEATURE_BITS;
  /** The most nodes a tree may hold: their offsets must fit in the links' upper bits. */
  static final int MAX_NODES = (1 << (32 - LEFT_SHIFT)) / STRIDE;

  /** Node {@code n} at {@code n * STRIDE}. */
  private final int[] nodes;
  /** The most splits on a path from the root to a leaf. */
  private final int depth;

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
    if (count > MAX_NODES) {
      throw new IllegalArgumentException("it has " + count + " nodes; the Java evaluator takes at most " + MAX_NODES);
    }
    if (featureCount > MAX_FEATURES) {
      throw new IllegalArgumentException("the model has " + featureCount + " features; the Java evaluator takes at "
          + "most " + MAX_FEATURES);
    }
    depth = requireOneTree(splitFeature, left, right, featureCount);
    nodes = new int[count * STRIDE];
    for (int node = 0; node < count; node++) {
      int at = node * STRIDE;
      boolean leaf = left[node] == NO_CHILD;
      nodes[at + LINKS] = leaf ? at << LEFT_SHIFT
          : splitFeature[node] | 1 << INNER_SHIFT | (defaultLeft[node] ? 0 : 1 << MISSING_RIGHT_SHIFT)
              | left[node] * STRIDE << LEFT_SHIFT;
      float threshold = thresholdOrValue[node];
      nodes[at + THRESHOLD_OR_VALUE] = Float.floatToRawIntBits(!leaf && threshold == 0f ? -0f : threshold);
    }
  }

  /** The most splits on a path from the root to a leaf: {@link #next} steps that bring any row to its leaf. */
  int depth() {
    return depth;
  }

  /** Where the row goes from node offset {@code at} (the root is 0): a child, or {@code at} itself at a leaf. */
  int next(int at, float[] row) {
    int links = nodes[at + LINKS];
    float value = row[links & MAX_FEATURES - 1];
    int left = links >>> LEFT_SHIFT;
    int toRight = (links >>> INNER_SHIFT & 1) * STRIDE; // 0 at a leaf: both ways lead back to it
    if (Float.isNaN(value)) {
      return left + (toRight & -(links >>> MISSING_RIGHT_SHIFT & 1));
    }
    // value < threshold read from the sign of their difference, without a branch: the JIT compiles the comparison
    // into a jump that a tree's walk mispredicts half the time (the sign is exact for finite floats with gradual
    // underflow, and a zero threshold is stored as -0.0 so that -0.0 - threshold is +0.0: not below, as in XGBoost)
    int notBelow = ~Float.floatToRawIntBits(value - Float.intBitsToFloat(nodes[at + THRESHOLD_OR_VALUE])) >>> 31;
    return left + (toRight & -notBelow);
  }

  /** The leaf value at node offset {@code at}, where {@link #depth()} steps of {@link #next} end. */
  float valueAt(int at) {
    return Float.intBitsToFloat(nodes[at + THRESHOLD_OR_VALUE]);
  }

  /** The value of the leaf the row reaches: its values in feature order, NaN where missing. */
  float leafValue(float[] row) {
    int at = 0;
    for (int step = 0; step < depth; step++) {
      at = next(at, row);
    }
    return valueAt(at);
  }

  /** Hands every split reachable from the root to the visitor, as feature and threshold. */
  void forEachSplit(SplitVisitor visitor) {
    int[] pending = new int[nodes.length / STRIDE];
    int count = 0;
    pending[count++] = 0;
    while (count > 0) {
      int at = pending[--count];
      int links = nodes[at + LINKS];
      if ((links >>> INNER_SHIFT & 1) == 1) {
        int left = links >>> LEFT_SHIFT;
        visitor.split(links & MAX_FEATURES - 1, Float.intBitsToFloat(nodes[at + THRESHOLD_OR_VALUE]) + 0f); // -0 as +0
        pending[count++] = left;
        pending[count++] = left + STRIDE;
      }
    }
  }

  /** Receives a tree's splits. */
  @FunctionalInterface
  interface SplitVisitor {
    void split(int feature, float threshold);
  }

  /** Checks that the arrays describe one tree rooted at node 0; returns its depth. */
  private static int requireOneTree(int[] splitFeature, int[] left, int[] right, int featureCount) {
    int count = left.length;
    boolean[] reached = new boolean[count];
    int[] depthOf = new int[count];
    int depth = 0;
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
        depth = Math.max(depth, depthOf[node]);
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
        depthOf[child] = depthOf[node] + 1;
        pending[waiting++] = child;
      }
    }
    return depth;
  }
}
