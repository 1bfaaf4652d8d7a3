package dev.trii.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import dev.trii.core.storage.ArtifactLocations;
import dev.trii.core.storage.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;

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
    if (!Sha256.hex(modelJson).equals(metadata.modelSha256())) {
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

  /** Writes one more file into a model folder, e.g. the run's provenance. */
  public void writeFile(String folderUri, String name, byte[] content) {
    locations.write(folderUri, name, content, "application/json");
  }

  /**
   * Reads one file of a model folder.
   *
   * @throws TriiException naming the file when it cannot be read
   */
  public byte[] readFile(String folderUri, String name) {
    return file(folderUri, name);
  }

  /**
   * Reads a model folder back and checks it: {@code metadata.json} readable and naming distinct features, the model
   * file's sha256 equal to the one the metadata records. The one reader of stored models: the training gate (the
   * champion it compares with, the serving-path latency) and the scoring API both use it.
   *
   * @throws TriiException saying which file is missing, unreadable or altered
   */
  public StoredModel read(String folderUri) {
    ModelMetadata metadata;
    try {
      metadata = ModelMetadata.fromJson(file(folderUri, ModelMetadata.METADATA_FILE));
    } catch (TriiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TriiException("unreadable " + ModelMetadata.METADATA_FILE + ": " + firstLine(e), e);
    }
    List<String> names = metadata.featureNames();
    if (names == null || names.isEmpty()) {
      throw new TriiException(ModelMetadata.METADATA_FILE + " names no features");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new TriiException(ModelMetadata.METADATA_FILE + " names a feature twice: " + names);
    }
    // the model file is read only for metadata that can describe it
    String modelFile = metadata.modelFile() == null ? ModelMetadata.MODEL_FILE : metadata.modelFile();
    byte[] model = file(folderUri, modelFile);
    String actual = Sha256.hex(model);
    if (metadata.modelSha256() == null || !actual.equalsIgnoreCase(metadata.modelSha256())) {
      throw new TriiException("checksum mismatch: sha256 of " + modelFile + " is " + actual + " but "
          + ModelMetadata.METADATA_FILE + " says " + metadata.modelSha256()
          + ": the artifact was altered or corrupted");
    }
    return new StoredModel(metadata, model);
  }

  private byte[] file(String folderUri, String name) {
    try {
      return locations.read(folderUri, name);
    } catch (RuntimeException e) {
      // the store's message names the object's URI and the reason (missing file, refused keys, unreachable)
      throw new TriiException("cannot read " + name + ": " + firstLine(e), e);
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
