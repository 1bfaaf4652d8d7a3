package dev.trii.batch.features;

import dev.trii.core.features.FeatureSet;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Computes a session's feature rows with the platform's one feature implementation, {@link FeatureSet}. */
public class ComputeSessionFeatures implements ItemProcessor<SessionBars, SessionFeatures> {

  private final FeatureSet featureSet;

  public ComputeSessionFeatures(FeatureSet featureSet) {
    this.featureSet = featureSet;
  }

  @Override
  public SessionFeatures process(SessionBars session) {
    return new SessionFeatures(session.key(), featureSet.computeSession(session.bars()));
  }
}
