package dev.trii.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model registry port: experiment runs with their parameters, metrics and tags; registered models,
 * their versions and aliases; and the gate decisions behind every promotion. Two adapters behave the same:
 * the built-in PostgreSQL registry (default) and MLflow ({@code MLFLOW_TRACKING_URI}).
 */
public interface ModelRegistry {

  /** The alias the scoring API serves. */
  String CHAMPION = "champion";

  /** Short name of the adapter, e.g. "built-in" or "mlflow". */
  String kind();

  /** Starts a run in the named experiment (created when missing); artifacts go under the run's artifact URI. */
  Run startRun(String experimentName, String runName);

  void logParams(String runId, Map<String, String> params);

  void logMetrics(String runId, Map<String, Double> metrics);

  void setRunTags(String runId, Map<String, String> tags);

  void endRun(String runId, RunStatus status);

  /**
   * The run with everything logged to it.
   *
   * @throws java.util.NoSuchElementException when there is no such run
   */
  RunDetails getRun(String runId);

  /** Registers a new version of the model (the model itself is created on first use). */
  ModelVersion createModelVersion(String modelName, String source, String runId, Map<String, String> tags);

  Optional<ModelVersion> getModelVersion(String modelName, int version);

  /** Versions of a model, newest first. */
  List<ModelVersion> listModelVersions(String modelName);

  List<String> listModels();

  Optional<ModelVersion> getVersionByAlias(String modelName, String alias);

  /**
   * Points the alias at a version in one atomic step, recording the change and its reason.
   *
   * @throws java.util.NoSuchElementException when the model has no such version (nothing changes)
   */
  void setAlias(String modelName, String alias, int version, String reason);

  /**
   * Records a gate decision, whether it passed or not. Promotion is compare-and-set: a passing candidate becomes
   * {@code champion} in the same step only if the alias still points at {@link PromotionDecision#championVersion()}
   * (the version it was compared with; none when null). Otherwise another run promoted first, and the decision is
   * recorded as {@link PromotionDecision.Outcome#SUPERSEDED} with the alias left where that run put it.
   *
   * @return the decision as recorded: its time, its outcome, and its summary (saying so when superseded)
   * @throws java.util.NoSuchElementException when the candidate version does not exist (nothing is recorded)
   */
  PromotionDecision recordDecision(PromotionDecision decision);

  /** Gate decisions for a model, newest first. */
  List<PromotionDecision> listDecisions(String modelName);

  /**
   * Earlier targets of an alias, newest first: the version each recorded move replaced (moves onto a new alias
   * replace nothing and are left out). What a rollback goes back to.
   */
  default List<Integer> aliasHistory(String modelName, String alias) {
    return aliasChanges(modelName, alias).stream()
        .map(AliasChange::previousVersion)
        .filter(Objects::nonNull)
        .toList();
  }

  /** Every recorded move of an alias, newest first, with its reason. */
  List<AliasChange> aliasChanges(String modelName, String alias);
}
