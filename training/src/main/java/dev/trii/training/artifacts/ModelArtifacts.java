package dev.trii.training.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trii.core.config.TriiException;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.storage.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A model version's files in object storage: {@code model.json} (XGBoost JSON), {@code metadata.json}
 * ({@link ModelMetadata}, carrying the model's sha256) and {@code evaluation.json} (the full evaluation
 * report), all in one folder whose {@code s3://} URI is the version's source.
 */
public final class ModelArtifacts {

  /** File name of the evaluation report next to the model. */
  public static final String EVALUATION_FILE = "evaluation.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final ArtifactStore store;

  public ModelArtifacts(ArtifactStore store) {
    this.store = store;
  }

  /** A model and its metadata as read back from storage, the checksum verified. */
  public record StoredModel(ModelMetadata metadata, byte[] modelJson) {}

  /**
   * Writes the three files under {@code folderUri}.
   *
   * @param folderUri e.g. {@code s3://trii/mlruns/1/<run>/artifacts/model}
   * @param evaluation any JSON-serialisable report
   */
  public void write(String folderUri, byte[] modelJson, ModelMetadata metadata, Object evaluation) {
    if (!ModelMetadata.sha256(modelJson).equals(metadata.modelSha256())) {
      throw new IllegalArgumentException("metadata sha256 does not match the model bytes");
    }
    String folder = store.keyOf(folderUri);
    store.put(folder + "/" + ModelMetadata.MODEL_FILE, modelJson, "application/json");
    store.put(folder + "/" + ModelMetadata.METADATA_FILE, metadata.toJson(), "application/json");
    try {
      store.put(folder + "/" + EVALUATION_FILE, JSON.writeValueAsBytes(evaluation), "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation report", e);
    }
  }

  /**
   * Reads a model folder back and checks the model against the sha256 in its metadata.
   *
   * @throws TriiException when a file is missing or the checksum does not match
   */
  public StoredModel read(String folderUri) {
    String folder = store.keyOf(folderUri);
    ModelMetadata metadata = ModelMetadata.fromJson(store.get(folder + "/" + ModelMetadata.METADATA_FILE));
    String modelFile = metadata.modelFile() == null ? ModelMetadata.MODEL_FILE : metadata.modelFile();
    byte[] model = store.get(folder + "/" + modelFile);
    String actual = ModelMetadata.sha256(model);
    if (!actual.equals(metadata.modelSha256())) {
      throw new TriiException("model " + folderUri + "/" + modelFile + " has sha256 " + actual
          + " but its metadata.json says " + metadata.modelSha256() + ": the artifact was altered or corrupted");
    }
    return new StoredModel(metadata, model);
  }
}
