package dev.trii.batch.features;

import dev.trii.core.features.FeatureRow;

/** One row for {@code feature_rows}: a feature row with its feature-set version. */
public record FeatureRowItem(String featureSet, FeatureRow row) {}
