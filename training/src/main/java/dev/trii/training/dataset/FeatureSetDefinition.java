package dev.trii.training.dataset;

import java.util.List;

/**
 * A feature-set version as the {@code feature_sets} table records it: what the stored feature rows mean.
 *
 * @param featureNames in the order of each row's feature vector
 * @param horizonMinutes how far each label looks forward; the split's embargo
 * @param deadZoneBps forward returns smaller than this carry no label
 */
public record FeatureSetDefinition(String version, List<String> featureNames, int horizonMinutes, double deadZoneBps) {

  public FeatureSetDefinition {
    featureNames = List.copyOf(featureNames);
  }

  /** The label horizon in milliseconds. */
  public long horizonMillis() {
    return horizonMinutes * 60_000L;
  }
}
