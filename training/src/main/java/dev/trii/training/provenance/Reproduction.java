package dev.trii.training.provenance;

import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import dev.trii.core.model.ModelArtifacts;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.training.dataset.DatasetSplit;
import dev.trii.training.dataset.FeatureRowsLoader;
import dev.trii.training.dataset.FeatureSetDefinition;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.dataset.SplitSettings;
import dev.trii.training.dataset.TimeSplitter;
import dev.trii.training.gate.QualityChecksReader.FailedSession;
import dev.trii.training.xgboost.TrainedModel;
import dev.trii.training.xgboost.XGBoostSettings;
import dev.trii.training.xgboost.XGBoostTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Retrains a registered model version from its recorded inputs ({@link Provenance}): the same feature-set version's
 * rows over the same range without the same sessions, checked against the recorded data fingerprint, cut by the same
 * split, trained with the same settings and thread count; then the model bytes are compared with the recorded sha256.
 * Nothing is registered or promoted.
 */
public final class Reproduction {

  /**
   * What the retraining gave.
   *
   * @param identical true when the retrained model's bytes have the recorded sha256
   * @param sameData true when the rows read now have the recorded data fingerprint
   * @param differences how the code, libraries or data differ from the recorded ones (empty when none)
   */
  public record Result(String modelName, int version, boolean identical, String recordedSha256,
      String reproducedSha256, boolean sameData, String recordedDataSha256, String dataSha256, long rows,
      Map<String, Long> splitRows, List<String> differences, Provenance recorded) {}

  private final FeatureRowsLoader loader;
  private final ModelArtifacts artifacts;
  private final XGBoostTrainer trainer;

  public Reproduction(DataSource dataSource, ArtifactStore store, XGBoostTrainer trainer) {
    this.loader = new FeatureRowsLoader(dataSource);
    this.artifacts = new ModelArtifacts(store);
    this.trainer = trainer;
  }

  /**
   * Retrains the version and compares.
   *
   * @throws TriiException when its artifacts or provenance cannot be read, or the recorded rows are gone
   */
  public Result reproduce(ModelVersion version) {
    ModelMetadata metadata = artifacts.read(version.source()).metadata();
    Provenance recorded;
    try {
      recorded = Provenance.fromJson(artifacts.readFile(version.source(), Provenance.FILE));
    } catch (TriiException e) {
      throw new TriiException(version.name() + " v" + version.version() + " has no readable " + Provenance.FILE
          + " (trained before runs recorded their provenance?): " + e.getMessage(), e);
    }
    FeatureSetDefinition definition = loader.definition(recorded.featureSet());
    List<FailedSession> excluded = recorded.excludedSessions().stream()
        .map(session -> new FailedSession(session.tradingDate(), session.symbol(), session.failedChecks())).toList();
    LabelledDataset data = loader.load(definition, excluded, recorded.dataFrom(), recorded.dataTo());
    if (data.isEmpty()) {
      throw new TriiException("the feature rows " + version.name() + " v" + version.version() + " trained on ("
          + recorded.featureSet() + ", " + recorded.dataFrom() + " .. " + recorded.dataTo() + ") are gone");
    }
    DatasetSplit split = new TimeSplitter(new SplitSettings(recorded.splitTrainFraction(),
        recorded.splitEarlyStoppingFraction())).split(data, definition.horizonMillis());
    Map<String, String> settings = new LinkedHashMap<>(recorded.xgboost());
    TrainedModel trained = trainer.train(split.train(), split.earlyStopping(),
        XGBoostSettings.defaults().withOverrides(settings));
    try {
      String sha256 = Sha256.hex(trained.modelJson());
      String dataSha256 = data.sha256();
      return new Result(version.name(), version.version(), sha256.equalsIgnoreCase(metadata.modelSha256()),
          metadata.modelSha256(), sha256, dataSha256.equals(recorded.dataSha256()), recorded.dataSha256(),
          dataSha256, data.rows(), split.rowCounts(), differences(recorded, trained, dataSha256), recorded);
    } finally {
      trained.model().close();
    }
  }

  private static List<String> differences(Provenance recorded, TrainedModel trained, String dataSha256) {
    List<String> differences = new ArrayList<>();
    compare(differences, "data fingerprint", recorded.dataSha256(), dataSha256);
    compare(differences, "git commit", recorded.gitCommit(), CodeIdentity.gitCommit());
    compare(differences, "code sha256", recorded.codeSha256(), CodeIdentity.codeSha256());
    compare(differences, "XGBoost4J", recorded.xgboost4j(), CodeIdentity.xgboost4j());
    compare(differences, "JDK", recorded.jdk(), CodeIdentity.jdk());
    compare(differences, "device", recorded.device(), trained.device());
    return differences;
  }

  private static void compare(List<String> differences, String what, String recorded, String now) {
    if (!Objects.equals(recorded, now)) {
      differences.add(what + ": recorded " + recorded + ", now " + now);
    }
  }
}
