package dev.trii.training.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trii.core.config.TriiException;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.storage.ArtifactLocations;
import dev.trii.core.storage.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A model version's files: {@code model.json} (XGBoost JSON), {@code metadata.json} ({@link ModelMetadata},
 * carrying the model's sha256) and {@code evaluation.json} (the full evaluation report), all in one folder under
 * the run's artifact URI, which is the version's source: {@code s3://…} or, for an MLflow server that proxies
 * artifacts, {@code mlflow-artifacts:/…} (see {@link ArtifactLocations}).
 */
public final class ModelArtifacts {

  /** File name of the evaluation report next to the model. */
  public static final String EVALUATION_FILE = "evaluation.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final ArtifactLocations locations;

  public ModelArtifacts(ArtifactStore store) {
    this.locations = ArtifactLocations.of(store);
  }

  /** A model and its metadata as read back from storage, the checksum verified. */
  public record StoredModel(ModelMetadata metadata, byte[] modelJson) {}

  /**
   * Writes the three files under {@code folderUri}.
   *
   * @param folderUri e.g. {@code s3://trii/mlruns/1/<run>/artifacts/model} or
   *     {@code mlflow-artifacts:/1/<run>/artifacts/model}
   * @param evaluation any JSON-serialisable report
   */
  public void write(String folderUri, byte[] modelJson, ModelMetadata metadata, Object evaluation) {
    if (!ModelMetadata.sha256(modelJson).equals(metadata.modelSha256())) {
      throw new IllegalArgumentException("metadata sha256 does not match the model bytes");
    }
    byte[] report;
    try {
      report = JSON.writeValueAsBytes(evaluation);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation report", e);
    }
    locations.write(folderUri, ModelMetadata.MODEL_FILE, modelJson, "application/json");
    locations.write(folderUri, ModelMetadata.METADATA_FILE, metadata.toJson(), "application/json");
    locations.write(folderUri, EVALUATION_FILE, report, "application/json");
  }

  /**
   * Reads a model folder back and checks the model against the sha256 in its metadata.
   *
   * @throws TriiException when a file is missing or the checksum does not match
   */
  public StoredModel read(String folderUri) {
    ModelMetadata metadata = ModelMetadata.fromJson(locations.read(folderUri, ModelMetadata.METADATA_FILE));
    String modelFile = metadata.modelFile() == null ? ModelMetadata.MODEL_FILE : metadata.modelFile();
    byte[] model = locations.read(folderUri, modelFile);
    String actual = ModelMetadata.sha256(model);
    if (!actual.equals(metadata.modelSha256())) {
      throw new TriiException("model " + folderUri + "/" + modelFile + " has sha256 " + actual
          + " but its metadata.json says " + metadata.modelSha256() + ": the artifact was altered or corrupted");
    }
    return new StoredModel(metadata, model);
  }
}
