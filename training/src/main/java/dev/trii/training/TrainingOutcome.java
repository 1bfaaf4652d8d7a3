package dev.trii.training;

import dev.trii.core.registry.PromotionDecision;
import dev.trii.training.provenance.Provenance;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one train-and-gate run produced: the registered version, the gate's decision and the evidence behind it.
 *
 * @param runId the registry run that holds params, metrics and tags
 * @param version the new model version
 * @param source the version's artifact folder ({@code s3://.../model}) holding model.json and metadata.json
 * @param passed the gate's verdict
 * @param promoted true when the version became champion (never when the run had promotion off)
 * @param championBefore the champion when the gate decided, null when there was none
 * @param championAfter the champion after the decision (the candidate when promoted)
 * @param decision every gate check with its verdict, and the one-line summary
 * @param metrics the candidate's metrics (train/early_stopping/holdout splits, latency, best iteration)
 * @param rows rows per split: train, early_stopping, holdout
 * @param dataFrom first bar time of the data used
 * @param dataTo last bar time of the data used
 * @param device where the model trained: cpu or cuda
 * @param modelSha256 sha256 of model.json
 * @param seconds wall time of the whole run
 * @param featureSet the feature-set version trained on
 * @param deviceReason why that device (requested, or what {@code auto} found)
 * @param excludedSessions sessions left out of training for failed quality checks, as
 *     {@code <date> <symbol> (<checks>)}
 * @param gatesSource where the gates came from (a file, or {@code classpath:gates.yaml})
 * @param provenance what the run depends on (also stored as {@code provenance.json} next to the model)
 */
public record TrainingOutcome(
    String modelName,
    String runId,
    int version,
    String source,
    boolean passed,
    boolean promoted,
    Integer championBefore,
    Integer championAfter,
    PromotionDecision decision,
    Map<String, Double> metrics,
    Map<String, Long> rows,
    Instant dataFrom,
    Instant dataTo,
    String device,
    String modelSha256,
    double seconds,
    String featureSet,
    String deviceReason,
    List<String> excludedSessions,
    String gatesSource,
    Provenance provenance) {

  /**
   * The metrics shown next to a run: train and holdout accuracy, the holdout's majority baseline, ROC-AUC, log loss
   * and the class prior's log loss, p95 serving-path latency.
   */
  public static final List<String> KEY_METRICS = List.of("train_accuracy", "holdout_accuracy",
      "holdout_baseline_accuracy", "holdout_roc_auc", "holdout_log_loss", "holdout_prior_log_loss",
      "p95_latency_ms");

  public TrainingOutcome {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    excludedSessions = List.copyOf(excludedSessions);
  }

  /** The {@link #KEY_METRICS} that were computed. */
  public Map<String, Double> keyMetrics() {
    Map<String, Double> key = new LinkedHashMap<>();
    for (String name : KEY_METRICS) {
      if (metrics.containsKey(name)) {
        key.put(name, metrics.get(name));
      }
    }
    return key;
  }

  /** True when the gate passed but another run promoted first, so the champion it was compared with had gone. */
  public boolean superseded() {
    return decision.outcome() == PromotionDecision.Outcome.SUPERSEDED;
  }

  /** The gate's one-line summary. */
  public String summary() {
    return decision.summary();
  }
}
