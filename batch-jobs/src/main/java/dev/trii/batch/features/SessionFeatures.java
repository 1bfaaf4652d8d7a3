package dev.trii.batch.features;

import dev.trii.core.features.FeatureRow;
import java.util.List;

/** The feature rows of one session, one per bar, as {@code FeatureSet.computeSession} produced them. */
public record SessionFeatures(SessionKey key, List<FeatureRow> rows) {

  public SessionFeatures {
    rows = List.copyOf(rows);
  }
}
