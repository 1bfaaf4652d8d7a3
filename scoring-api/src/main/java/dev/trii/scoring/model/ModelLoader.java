package dev.trii.scoring.model;

import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.storage.ArtifactLocations;
import dev.trii.core.storage.ArtifactStore;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Reads a registered model version's artifacts ({@code model.json} and {@code metadata.json} in its source folder:
 * {@code s3://…}, or {@code mlflow-artifacts:/…} on an MLflow server that proxies artifacts), verifies the model
 * file against the sha256 recorded in the metadata, and loads it into XGBoost configured for serving
 * ({@code nthread=1}).
 */
public final class ModelLoader {

  private final ArtifactLocations artifacts;
  private final Clock clock;

  public ModelLoader(ArtifactStore artifacts, Clock clock) {
    this.artifacts = ArtifactLocations.of(artifacts);
    this.clock = clock;
  }

  /**
   * Loads and verifies one version.
   *
   * @throws ModelLoadException saying what is wrong with the version's artifacts
   */
  public ServingModel load(ModelVersion version) {
    int v = version.version();
    String folder = version.source();
    byte[] metadataJson = read(v, folder, ModelMetadata.METADATA_FILE);
    ModelMetadata metadata;
    try {
      metadata = ModelMetadata.fromJson(metadataJson);
    } catch (RuntimeException e) {
      throw new ModelLoadException(v, "version " + v + ": unreadable " + ModelMetadata.METADATA_FILE + ": "
          + rootMessage(e), e);
    }
    checkFeatureNames(v, metadata.featureNames());
    // the model file is read only for metadata that can describe it
    byte[] modelJson = read(v, folder, ModelMetadata.MODEL_FILE);
    String actual = ModelMetadata.sha256(modelJson);
    if (metadata.modelSha256() == null || !actual.equalsIgnoreCase(metadata.modelSha256())) {
      throw new ModelLoadException(v, "version " + v + ": checksum mismatch: sha256 of " + ModelMetadata.MODEL_FILE
          + " is " + actual + " but " + ModelMetadata.METADATA_FILE + " says " + metadata.modelSha256());
    }

    Booster booster;
    try {
      booster = XGBoost.loadModel(modelJson);
      // one OpenMP thread per predict call: the default setting brings 15-40 ms tails under concurrent load
      booster.setParam("nthread", 1);
    } catch (XGBoostError | IOException e) {
      throw new ModelLoadException(v, "version " + v + ": XGBoost cannot load " + ModelMetadata.MODEL_FILE + ": "
          + rootMessage(e), e);
    }
    try {
      long modelFeatures = booster.getNumFeature();
      if (modelFeatures != metadata.featureNames().size()) {
        throw new ModelLoadException(v, "version " + v + ": the model takes " + modelFeatures + " features but "
            + ModelMetadata.METADATA_FILE + " names " + metadata.featureNames().size());
      }
    } catch (XGBoostError e) {
      booster.dispose();
      throw new ModelLoadException(v, "version " + v + ": XGBoost cannot describe the model: " + e.getMessage(), e);
    } catch (ModelLoadException e) {
      booster.dispose();
      throw e;
    }
    return new ServingModel(version, metadata, booster, clock.instant());
  }

  private byte[] read(int version, String folder, String file) {
    try {
      return artifacts.read(folder, file);
    } catch (RuntimeException e) {
      // the store's message names the object's URI and the reason (missing file, refused keys, unreachable)
      throw new ModelLoadException(version, "version " + version + ": cannot read " + file + ": " + rootMessage(e), e);
    }
  }

  private static void checkFeatureNames(int version, List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new ModelLoadException(version, "version " + version + ": " + ModelMetadata.METADATA_FILE
          + " names no features");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new ModelLoadException(version, "version " + version + ": " + ModelMetadata.METADATA_FILE
          + " names a feature twice: " + names);
    }
  }

  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
