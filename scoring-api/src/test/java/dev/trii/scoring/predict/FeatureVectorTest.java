package dev.trii.scoring.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ordering named features into a model's vector and refusing the ones that do not fit. */
class FeatureVectorTest {

  private static final List<String> NAMES = List.of("a", "b", "c");

  @Test
  void ordersValuesAsTheModelNamesThem() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("c", 3.0);
    values.put("a", 1.0);
    values.put("b", Double.NaN);

    float[] vector = FeatureVector.inOrder(NAMES, values);

    assertThat(vector[0]).isEqualTo(1f);
    assertThat(vector[1]).isNaN();
    assertThat(vector[2]).isEqualTo(3f);
  }

  @Test
  void listsMissingNamesInModelOrderAndUnknownNamesSorted() {
    assertThatThrownBy(() -> FeatureVector.inOrder(NAMES, Map.of("b", 1.0, "z", 1.0, "y", 2.0)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("missing [a, c]")
        .hasMessageContaining("unknown [y, z]")
        .satisfies(e -> assertThat(((InvalidRequestException) e).details())
            .containsEntry("missing_features", List.of("a", "c"))
            .containsEntry("unknown_features", List.of("y", "z")));
  }

  @Test
  void rejectsValuesBeyondTheFloatRange() {
    assertThatThrownBy(() -> FeatureVector.inOrder(NAMES, Map.of("a", 1e300, "b", 0.0, "c", 0.0)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("out of range for [a]");
  }
}
