package dev.trii.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What travels with a trained model ({@code metadata.json} next to {@code model.json}): the feature names
 * in order, the feature-set version and label rule, the training data it saw, its metrics and parameters,
 * and the sha256 of the model file, which the scoring API verifies before serving it.
 *
 * @param dataFrom first bar time of the training data
 * @param dataTo last bar time of the training data
 * @param rows row counts per split: train, early_stopping, holdout
 * @param device where it was trained: cpu or cuda
 */
public record ModelMetadata(
    String modelName,
    String runId,
    String featureSetVersion,
    List<String> featureNames,
    int horizonMinutes,
    double deadZoneBps,
    Instant dataFrom,
    Instant dataTo,
    Map<String, Long> rows,
    Map<String, Double> metrics,
    Map<String, String> params,
    String modelFile,
    String modelSha256,
    String device,
    Instant createdAt) {

  /** File name of the XGBoost model inside a run's model folder. */
  public static final String MODEL_FILE = "model.json";
  /** File name of this metadata inside a run's model folder. */
  public static final String METADATA_FILE = "metadata.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelMetadata fromJson(byte[] json) {
    try {
      return JSON.readValue(json, ModelMetadata.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable model metadata", e);
    }
  }
}
