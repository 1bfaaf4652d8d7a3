package dev.trii.core.model.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTreeTest {

  private static final int NO = DecisionTree.NO_CHILD;

  /**
   * Root: feature 0 below 0.1 goes left (leaf -1), missing goes left; node 2: feature 1 below -2.5 goes to leaf 0.5,
   * otherwise and when missing to leaf 2.
   */
  private final DecisionTree tree = new DecisionTree(
      new int[] {0, 0, 1, 0, 0},
      new float[] {0.1f, -1f, -2.5f, 0.5f, 2f},
      new int[] {1, NO, 3, NO, NO},
      new int[] {2, NO, 4, NO, NO},
      new boolean[] {true, false, false, false, false},
      2);

  @Test
  void goesLeftOnlyBelowTheThreshold() {
    assertThat(tree.leafValue(new float[] {Math.nextDown(0.1f), 0})).isEqualTo(-1f);
    assertThat(tree.leafValue(new float[] {0.1f, 0})).isEqualTo(2f);
    assertThat(tree.leafValue(new float[] {0.1f, -2.5f})).isEqualTo(2f);
    assertThat(tree.leafValue(new float[] {0.1f, Math.nextDown(-2.5f)})).isEqualTo(0.5f);
  }

  @Test
  void comparesAsFloat32DoesAtZeroTheSmallestAndTheInfinite() {
    DecisionTree atZero = new DecisionTree(new int[] {0, 0, 0}, new float[] {0f, -1f, 1f}, new int[] {1, NO, NO},
        new int[] {2, NO, NO}, new boolean[3], 1);

    assertThat(atZero.leafValue(new float[] {-0f})).as("-0.0 is not below 0.0").isEqualTo(1f);
    assertThat(atZero.leafValue(new float[] {0f})).isEqualTo(1f);
    assertThat(atZero.leafValue(new float[] {-Float.MIN_VALUE})).isEqualTo(-1f);
    assertThat(atZero.leafValue(new float[] {Float.MIN_VALUE})).isEqualTo(1f);
    assertThat(atZero.leafValue(new float[] {Float.NEGATIVE_INFINITY})).isEqualTo(-1f);
    assertThat(atZero.leafValue(new float[] {Float.POSITIVE_INFINITY})).isEqualTo(1f);
    assertThat(tree.leafValue(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE})).as("the largest floats")
        .isEqualTo(0.5f);
    assertThat(tree.leafValue(new float[] {0.1f + Math.ulp(0.1f), Math.nextUp(-2.5f)})).isEqualTo(2f);
  }

  @Test
  void aTreeThatIsOneLeafTakesNoStep() {
    DecisionTree leaf = new DecisionTree(new int[] {0}, new float[] {0.25f}, new int[] {NO}, new int[] {NO},
        new boolean[1], 1);

    assertThat(leaf.depth()).isZero();
    assertThat(leaf.leafValue(new float[] {Float.NaN})).isEqualTo(0.25f);
    assertThat(tree.depth()).isEqualTo(2);
  }

  @Test
  void sendsAMissingValueToTheDefaultChild() {
    assertThat(tree.leafValue(new float[] {Float.NaN, -100})).isEqualTo(-1f);
    assertThat(tree.leafValue(new float[] {5, Float.NaN})).isEqualTo(2f);
  }

  @Test
  void handsOverItsReachableSplits() {
    List<String> splits = new ArrayList<>();
    tree.forEachSplit((feature, threshold) -> splits.add(feature + "<" + threshold));

    assertThat(splits).containsExactlyInAnyOrder("0<0.1", "1<-2.5");
    List<Float> zero = new ArrayList<>();
    new DecisionTree(new int[] {0, 0, 0}, new float[] {0f, -1f, 1f}, new int[] {1, NO, NO}, new int[] {2, NO, NO},
        new boolean[3], 1).forEachSplit((feature, threshold) -> zero.add(threshold));
    assertThat(Float.floatToRawIntBits(zero.get(0))).as("the threshold as the model wrote it: +0.0").isZero();
  }

  @Test
  void refusesARightChildThatDoesNotFollowTheLeftOne() {
    assertThatThrownBy(() -> new DecisionTree(new int[] {0, 0, 0}, new float[] {0, 1, 2}, new int[] {2, NO, NO},
        new int[] {1, NO, NO}, new boolean[3], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the one after its left child 2");
  }

  @Test
  void refusesWhatItsPackedNodesCannotHold() {
    int nodes = DecisionTree.MAX_NODES + 1;
    assertThatThrownBy(() -> new DecisionTree(new int[nodes], new float[nodes], new int[nodes], new int[nodes],
        new boolean[nodes], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + DecisionTree.MAX_NODES);
    assertThatThrownBy(() -> new DecisionTree(new int[] {0}, new float[] {0.5f}, new int[] {NO}, new int[] {NO},
        new boolean[1], DecisionTree.MAX_FEATURES + 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
  }

  @Test
  void walksTheLastFeatureAndADeepRightChildAtTheLimitsOfItsPacking() {
    // a chain of splits, each on the last feature, whose right children hold the next split: the deepest nodes sit
    // at the highest offsets the packing takes
    int splits = 1000;
    int count = 2 * splits + 1;
    int[] feature = new int[count];
    float[] threshold = new float[count];
    int[] left = new int[count];
    int[] right = new int[count];
    boolean[] defaultLeft = new boolean[count];
    java.util.Arrays.fill(left, NO);
    java.util.Arrays.fill(right, NO);
    int node = 0;
    for (int s = 0; s < splits; s++) {
      feature[node] = DecisionTree.MAX_FEATURES - 1;
      threshold[node] = s;
      left[node] = node + 1;
      right[node] = node + 2;
      threshold[node + 1] = -s; // the left leaf's value
      node += 2;
    }
    threshold[node] = 42f; // the last right leaf
    DecisionTree tree = new DecisionTree(feature, threshold, left, right, defaultLeft, DecisionTree.MAX_FEATURES);
    float[] row = new float[DecisionTree.MAX_FEATURES];
    row[DecisionTree.MAX_FEATURES - 1] = 500.5f;
    assertThat(tree.depth()).isEqualTo(splits);
    assertThat(tree.leafValue(row)).isEqualTo(-501f);
    row[DecisionTree.MAX_FEATURES - 1] = Float.NaN; // default right at every split
    assertThat(tree.leafValue(row)).isEqualTo(42f);
  }
}
