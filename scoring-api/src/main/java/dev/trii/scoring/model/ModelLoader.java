package dev.trii.scoring.model;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.ModelArtifacts;
import dev.trii.core.model.Predictor;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.storage.ArtifactStore;
import java.time.Clock;

/**
 * Loads a registered model version for serving: its artifacts read and verified by the shared reader
 * ({@link ModelArtifacts#read}: metadata readable, features named, the model file's sha256 as recorded), the model
 * loaded into the shared evaluator ({@link Predictor}), and refused when it was trained on another feature-set
 * version than this code computes (feature sets are content-addressed: another version means other formulas, horizon
 * or dead zone).
 */
public final class ModelLoader {

  private final ModelArtifacts artifacts;
  private final FeatureSet featureSet;
  private final Clock clock;

  public ModelLoader(ArtifactStore store, FeatureSet featureSet, Clock clock) {
    this.artifacts = new ModelArtifacts(store);
    this.featureSet = featureSet;
    this.clock = clock;
  }

  /**
   * Loads and verifies one version.
   *
   * @throws ModelLoadException saying what is wrong with the version's artifacts
   */
  public ServingModel load(ModelVersion version) {
    int v = version.version();
    ModelArtifacts.StoredModel stored;
    try {
      stored = artifacts.read(version.source());
    } catch (RuntimeException e) {
      throw new ModelLoadException(v, "version " + v + ": " + e.getMessage(), e);
    }
    String trainedOn = stored.metadata().featureSetVersion();
    if (!featureSet.version().equals(trainedOn)) {
      throw new ModelLoadException(v, "version " + v + ": trained on feature set " + trainedOn + " but this server "
          + "computes " + featureSet.version() + " (a changed formula, horizon or dead zone): train a model on the "
          + "current features");
    }
    try {
      return new ServingModel(version, Predictor.load(stored), clock.instant());
    } catch (RuntimeException e) {
      throw new ModelLoadException(v, "version " + v + ": " + e.getMessage(), e);
    }
  }
}
