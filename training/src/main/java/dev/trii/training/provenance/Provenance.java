package dev.trii.training.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run's result depends on, stored as {@code provenance.json} next to the model: the code
 * (git commit, or the hash of the code when there is no checkout), the libraries, the data (its range, the sessions
 * left out, and a fingerprint of the training matrix, labels and times in order), the feature-set definition, the
 * gates file, and the split and trainer settings. {@code trii models reproduce} retrains from it.
 *
 * @param gitCommit the commit of the checkout the code ran from, or {@code unknown}
 * @param sourceDirty true when the checkout had uncommitted changes to tracked files (null: unknown)
 * @param codeSha256 sha256 over the training and platform-core code that ran (jars, or class files)
 * @param xgboost4j the XGBoost4J version and artifact
 * @param jdk the Java runtime (vendor and version)
 * @param featureSetDefinitionSha256 the feature set's definition hash ({@code FeatureSet#definitionHash})
 * @param dataSha256 sha256 over every training row in order: time, symbol, label, feature values
 * @param excludedSessions sessions left out of the data for failed quality checks
 * @param xgboost the trainer's settings as run (threads as used)
 */
public record Provenance(
    String gitCommit,
    Boolean sourceDirty,
    String codeSha256,
    String xgboost4j,
    String jdk,
    String featureSet,
    String featureSetDefinitionSha256,
    String gatesSource,
    String gatesSha256,
    Instant dataFrom,
    Instant dataTo,
    long dataRows,
    String dataSha256,
    List<Session> excludedSessions,
    double splitTrainFraction,
    double splitEarlyStoppingFraction,
    int minLabelledRows,
    Map<String, String> xgboost,
    String device) {

  /** File name of the provenance next to the model. */
  public static final String FILE = "provenance.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public Provenance {
    excludedSessions = List.copyOf(excludedSessions);
    xgboost = Map.copyOf(xgboost);
  }

  /** A session left out of training. */
  public record Session(LocalDate tradingDate, String symbol, List<String> failedChecks) {}

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the provenance", e);
    }
  }

  public static Provenance fromJson(byte[] json) {
    try {
      return JSON.readValue(json, Provenance.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + FILE + ": " + e.getMessage(), e);
    }
  }
}
