package dev.trii.training;

import dev.trii.core.Platform;
import dev.trii.core.config.TriiException;
import dev.trii.core.digest.Sha256;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.logging.CorrelationId;
import dev.trii.core.market.BarRepository;
import dev.trii.core.model.ModelArtifacts;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.model.Predictor;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.Run;
import dev.trii.core.registry.RunStatus;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.training.dataset.DatasetSplit;
import dev.trii.training.dataset.FeatureRowsLoader;
import dev.trii.training.dataset.FeatureSetDefinition;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.dataset.SplitSummary;
import dev.trii.training.dataset.TimeSplitter;
import dev.trii.training.evaluation.EvaluationReport;
import dev.trii.training.evaluation.ModelEvaluator;
import dev.trii.training.gate.ChampionEvidence;
import dev.trii.training.gate.DataQualityRule;
import dev.trii.training.gate.HoldoutEvidence;
import dev.trii.training.gate.PromotionGate;
import dev.trii.training.gate.QualityChecksReader;
import dev.trii.training.gate.QualityChecksReader.FailedSession;
import dev.trii.training.gate.QualityEvidence;
import dev.trii.training.provenance.CodeIdentity;
import dev.trii.training.provenance.Provenance;
import dev.trii.training.xgboost.TrainedModel;
import dev.trii.training.xgboost.XGBoostModel;
import dev.trii.training.xgboost.XGBoostTrainer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a candidate and lets the gates decide whether it becomes champion: load the labelled feature rows (leaving
 * out sessions with failed data-quality checks, unless the gates say otherwise), split them by time with an embargo,
 * train XGBoost with early stopping, evaluate, record a registry run (params, metrics, tags), store
 * {@code model.json} + {@code metadata.json} under the run's artifacts, register a model version, evaluate the
 * champion on the candidate's holdout rows, gate, and record the decision (which promotes on pass). With promotion
 * off ({@link TrainingOptions#promote()}) everything up to the decision happens, but the decision is neither
 * recorded nor acted on. The run ends FINISHED, or FAILED when a step throws.
 */
public final class TrainingPipeline {

  private static final Logger log = LoggerFactory.getLogger(TrainingPipeline.class);

  private final FeatureRowsLoader loader;
  private final QualityChecksReader qualityChecks;
  private final ModelArtifacts artifacts;
  private final ModelRegistry registry;
  private final FeatureSet featureSet;
  private final TrainingOptions options;
  private final XGBoostTrainer trainer;
  private final BarRepository bars;

  public TrainingPipeline(DataSource dataSource, ArtifactStore store, ModelRegistry registry, FeatureSet featureSet,
      TrainingOptions options, XGBoostTrainer trainer) {
    this.loader = new FeatureRowsLoader(dataSource);
    this.qualityChecks = new QualityChecksReader(dataSource);
    this.artifacts = new ModelArtifacts(store);
    this.registry = registry;
    this.featureSet = featureSet;
    this.options = options;
    this.trainer = trainer;
    this.bars = new BarRepository(dataSource, featureSet.instruments());
  }

  /** A pipeline on the platform's services, training on this machine's CPU or GPU as the settings say. */
  public static TrainingPipeline on(Platform platform, TrainingOptions options) {
    return new TrainingPipeline(platform.database().dataSource(), platform.artifacts(), platform.registry(),
        platform.featureSet(), options, XGBoostTrainer.onThisMachine());
  }

  public TrainingOptions options() {
    return options;
  }

  /**
   * Trains, registers and gates a new version of the model.
   *
   * @throws InsufficientDataException when there are fewer labelled rows than {@link TrainingOptions#minLabelledRows()}
   * @throws TriiException when the feature rows do not match this code's feature set or cannot be split
   */
  public TrainingOutcome trainAndGate(String modelName) {
    return trainAndGate(modelName, null, true);
  }

  /**
   * Trains and gates on the feature rows before {@code dataUntil} only (the data a run for that moment had: what a
   * backfill recomputes), promoting only when {@code promote} and the options allow it.
   *
   * @param dataUntil exclusive upper bound of the rows' bar times; null for every row
   * @throws InsufficientDataException when there are fewer labelled rows than {@link TrainingOptions#minLabelledRows()}
   * @throws TriiException when the feature rows do not match this code's feature set or cannot be split
   */
  public TrainingOutcome trainAndGate(String modelName, Instant dataUntil, boolean promote) {
    boolean promoting = promote && options.promote();
    long started = System.nanoTime();
    FeatureSetDefinition definition = definition();
    DataQualityRule quality = options.gates().dataQuality();
    List<FailedSession> excluded = quality.excludesFailedSessions()
        ? qualityChecks.failedSessions(definition.version()) : List.of();
    if (!excluded.isEmpty()) {
      log.warn("leaving {} session(s) with failed quality checks out of training: {}", excluded.size(),
          excluded.stream().limit(10).map(FailedSession::describe).toList());
    }
    LabelledDataset data = dataUntil == null ? loader.load(definition, excluded)
        : loader.load(definition, excluded, null, dataUntil.minusNanos(1000));
    if (data.rows() < options.minLabelledRows()) {
      throw new InsufficientDataException(definition.version(), data.rows(), options.minLabelledRows(),
          excluded.size());
    }
    DatasetSplit split;
    try {
      split = new TimeSplitter(options.split()).split(data, definition.horizonMillis());
    } catch (IllegalArgumentException e) {
      throw new TriiException("cannot split the feature rows of " + definition.version() + ": " + e.getMessage(), e);
    }
    log.info("training {} on {} labelled rows of {} ({} .. {}): {}", modelName, data.rows(), definition.version(),
        data.from(), data.to(), split.rowCounts());
    TrainedModel trained = trainer.train(split.train(), split.earlyStopping(), options.xgboost());
    Provenance provenance = provenance(definition, data, excluded, trained);
    try (XGBoostModel candidate = trained.model()) {
      EvaluationReport report = new ModelEvaluator().evaluateCandidate(candidate, split);
      return register(modelName, definition, split, trained, report, excluded, provenance, started, promoting);
    }
  }

  private FeatureSetDefinition definition() {
    FeatureSetDefinition definition = loader.definition(featureSet.version());
    if (!definition.featureNames().equals(featureSet.names())) {
      throw new TriiException("the feature rows of " + definition.version() + " were computed with features "
          + definition.featureNames() + " but this code's feature set has " + featureSet.names()
          + ": rerun the features job");
    }
    if (definition.horizonMinutes() != featureSet.horizonMinutes()
        || definition.deadZoneBps() != featureSet.deadZoneBps()) {
      log.warn("feature rows of {} were labelled with horizon {} min / dead zone {} bps, the platform's feature set "
              + "says {} min / {} bps: training uses the stored labels", definition.version(),
          definition.horizonMinutes(), definition.deadZoneBps(), featureSet.horizonMinutes(),
          featureSet.deadZoneBps());
    }
    return definition;
  }

  private TrainingOutcome register(String modelName, FeatureSetDefinition definition, DatasetSplit split,
      TrainedModel trained, EvaluationReport report, List<FailedSession> excluded, Provenance provenance,
      long started, boolean promoting) {
    Map<String, Double> metrics = new LinkedHashMap<>(report.metrics(split.holdout().labels()));
    metrics.put("best_iteration", (double) trained.bestIteration());
    metrics.put("rounds_trained", (double) (trained.bestIteration() + 1));
    metrics.put("train_seconds", trained.trainSeconds());
    // the work that trains (a pipeline run's task) names the run and the version it produces
    Optional<String> correlationId = CorrelationId.current();
    Run run = registry.startRun(modelName, "train " + Instant.now());
    try {
      Map<String, String> params = params(definition, split, trained);
      params.put("data_sha256", provenance.dataSha256());
      params.put("feature_set_definition_sha256", provenance.featureSetDefinitionSha256());
      params.put("gates_sha256", provenance.gatesSha256());
      params.put("git_commit", provenance.gitCommit());
      params.put("code_sha256", provenance.codeSha256());
      params.put("xgboost4j", provenance.xgboost4j());
      params.put("jdk", provenance.jdk());
      registry.logParams(run.runId(), params);
      registry.logMetrics(run.runId(), finite(metrics));
      Map<String, Double> gains = new LinkedHashMap<>();
      report.gain().forEach((feature, gain) -> gains.put("gain_" + feature, gain));
      registry.logMetrics(run.runId(), gains);
      Map<String, String> runTags = tags(modelName, definition, trained);
      correlationId.ifPresent(id -> runTags.put(CorrelationId.TAG, id));
      registry.setRunTags(run.runId(), runTags);

      String source = run.artifactUri() + "/model";
      String sha256 = Sha256.hex(trained.modelJson());
      ModelMetadata metadata = new ModelMetadata(modelName, run.runId(), definition.version(),
          definition.featureNames(), definition.horizonMinutes(), definition.deadZoneBps(), split.dataFrom(),
          split.dataTo(), split.rowCounts(), finite(metrics), params, ModelMetadata.MODEL_FILE, sha256, trained.device(),
          Instant.now());
      artifacts.write(source, trained.modelJson(), metadata, evaluationDocument(split, report, trained));
      artifacts.writeFile(source, Provenance.FILE, provenance.toJson());
      if (options.gates().needsLatency()) {
        Map<String, Double> latency = servingPathLatency(source, split);
        metrics.putAll(latency);
        registry.logMetrics(run.runId(), finite(latency));
      }

      Map<String, String> versionTags = new LinkedHashMap<>(Map.of("feature_set", definition.version(),
          "device", trained.device(), "model_sha256", sha256, "run_id", run.runId()));
      correlationId.ifPresent(id -> versionTags.put(CorrelationId.TAG, id));
      ModelVersion version = registry.createModelVersion(modelName, source, run.runId(), versionTags);
      Optional<ModelVersion> champion = registry.getVersionByAlias(modelName, ModelRegistry.CHAMPION);
      ChampionEvidence championEvidence = champion.map(c -> championEvidence(c, definition, split)).orElse(null);
      QualityEvidence quality = options.gates().dataQuality().enabled()
          ? qualityChecks.forSessionsTrainedOn(definition.version(), excluded) : null;
      HoldoutEvidence holdout = new HoldoutEvidence(split.holdout().labels(), report.holdoutPredictions(),
          ModelEvaluator.majorityClass(split.train()), report.trainPositiveRate());
      PromotionDecision judged = new PromotionGate(options.gates())
          .decide(modelName, version.version(), metrics, holdout, championEvidence, quality, promoting);
      // compare-and-set: promoted only if the champion is still the one the candidate was compared with
      PromotionDecision decision = promoting ? registry.recordDecision(judged) : judged;
      registry.logMetrics(run.runId(), Map.of("gate_passed", decision.passed() ? 1.0 : 0.0));
      registry.setRunTags(run.runId(), Map.of("gate_summary", decision.summary(),
          "gate_outcome", decision.outcome() == null ? "not_recorded" : decision.outcome().name().toLowerCase(
              Locale.ROOT),
          "model_version", String.valueOf(version.version()), "promotion", promoting ? "on" : "off",
          "excluded_sessions", String.valueOf(excluded.size())));
      registry.endRun(run.runId(), RunStatus.FINISHED);
      Integer championAfter = registry.getVersionByAlias(modelName, ModelRegistry.CHAMPION)
          .map(ModelVersion::version).orElse(null);
      log.atInfo().addKeyValue("model_name", modelName).addKeyValue("model_version", version.version())
          .addKeyValue("registry_run_id", run.runId()).addKeyValue("promoted", promoting && decision.promoted())
          .log("{} v{}: gate {} — {}", modelName, version.version(), decision.passed() ? "PASSED" : "FAILED",
              decision.summary());
      return new TrainingOutcome(modelName, run.runId(), version.version(), source, decision.passed(),
          promoting && decision.promoted(), decision.championVersion(), championAfter, decision, metrics,
          split.rowCounts(), split.dataFrom(), split.dataTo(), trained.device(), sha256,
          (System.nanoTime() - started) / 1e9, definition.version(), trained.deviceReason(),
          excluded.stream().map(FailedSession::describe).toList(), options.gates().source(), provenance);
    } catch (RuntimeException e) {
      try {
        registry.setRunTags(run.runId(), Map.of("error", String.valueOf(e.getMessage())));
        registry.endRun(run.runId(), RunStatus.FAILED);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Single-prediction latency through the serving path: the model read back from its stored artifact into the
   * scoring API's evaluator, the holdout symbols' latest bars, the shared feature code ({@link LatencyProbe}). Empty
   * (the latency threshold then fails as not computed) when it cannot be measured, with the reason logged.
   */
  private Map<String, Double> servingPathLatency(String source, DatasetSplit split) {
    Set<String> symbols = new LinkedHashSet<>();
    for (int i = 0; i < split.holdout().rows(); i++) {
      symbols.add(split.holdout().symbol(i));
    }
    try (Predictor model = Predictor.load(artifacts.read(source))) {
      return options.latency().measure(model, featureSet, bars, List.copyOf(symbols)).asMetrics();
    } catch (RuntimeException e) {
      log.warn("serving-path latency of {} not measured: {}", source, e.getMessage());
      return Map.of();
    }
  }

  /** What this run depends on: code, libraries, data (range, left-out sessions, fingerprint), settings. */
  private Provenance provenance(FeatureSetDefinition definition, LabelledDataset data, List<FailedSession> excluded,
      TrainedModel trained) {
    Map<String, String> xgboost = new LinkedHashMap<>(options.xgboost().asParams());
    xgboost.put("nthread", trained.params().get("nthread"));
    xgboost.put("device", trained.device());
    return new Provenance(CodeIdentity.gitCommit(), CodeIdentity.sourceDirty(), CodeIdentity.codeSha256(),
        CodeIdentity.xgboost4j(), CodeIdentity.jdk(), definition.version(), featureSet.definitionHash(),
        options.gates().source(), options.gates().sha256(), data.from(), data.to(), data.rows(), data.sha256(),
        excluded.stream().map(session -> new Provenance.Session(session.tradingDate(), session.symbol(),
            session.failedChecks())).toList(), options.split().trainFraction(),
        options.split().earlyStoppingFraction(), options.minLabelledRows(), xgboost, trained.device());
  }

  /** The champion's predictions on the candidate's holdout rows, or why they could not be made. */
  private ChampionEvidence championEvidence(ModelVersion champion, FeatureSetDefinition definition,
      DatasetSplit split) {
    ModelArtifacts.StoredModel stored;
    try {
      stored = artifacts.read(champion.source());
    } catch (RuntimeException e) {
      log.warn("champion v{} of {} cannot be loaded from {}: {}", champion.version(), champion.name(),
          champion.source(), e.getMessage());
      return ChampionEvidence.unusable(champion.version(), "its artifacts at " + champion.source()
          + " could not be read (" + e.getMessage() + ")");
    }
    if (!definition.version().equals(stored.metadata().featureSetVersion())) {
      return ChampionEvidence.obsolete(champion.version(), "champion v" + champion.version() + " was trained on "
          + "feature set " + stored.metadata().featureSetVersion() + ", which this code no longer computes (it "
          + "computes " + definition.version() + ")");
    }
    try (XGBoostModel model = XGBoostModel.load(stored.modelJson(), definition.featureNames().size())) {
      EvaluationReport report = new ModelEvaluator().evaluateOnHoldout(model, split);
      return ChampionEvidence.evaluated(champion.version(), report.holdoutPredictions());
    } catch (RuntimeException e) {
      return ChampionEvidence.unusable(champion.version(), "it failed on the holdout: " + e.getMessage());
    }
  }

  private Map<String, String> params(FeatureSetDefinition definition, DatasetSplit split, TrainedModel trained) {
    Map<String, String> params = new LinkedHashMap<>(options.xgboost().asParams());
    params.put("objective", trained.params().get("objective"));
    params.put("tree_method", trained.params().get("tree_method"));
    params.put("nthread_used", trained.params().get("nthread"));
    params.put("feature_set", definition.version());
    params.put("horizon_minutes", String.valueOf(definition.horizonMinutes()));
    params.put("dead_zone_bps", String.valueOf(definition.deadZoneBps()));
    params.put("split_train_fraction", String.valueOf(options.split().trainFraction()));
    params.put("split_early_stopping_fraction", String.valueOf(options.split().earlyStoppingFraction()));
    params.put("embargo_minutes", String.valueOf(definition.horizonMinutes()));
    params.put("min_labelled_rows", String.valueOf(options.minLabelledRows()));
    params.put("gates_source", options.gates().source());
    params.put("data_quality_policy", options.gates().dataQuality().enabled()
        ? options.gates().dataQuality().policy().name().toLowerCase(Locale.ROOT) : "disabled");
    for (SplitSummary summary : split.summaries()) {
      params.put("data_" + summary.name() + "_rows", String.valueOf(summary.rows()));
      params.put("data_" + summary.name() + "_from", String.valueOf(summary.from()));
      params.put("data_" + summary.name() + "_to", String.valueOf(summary.to()));
      params.put("data_" + summary.name() + "_embargoed", String.valueOf(summary.embargoed()));
    }
    params.put("data_from", split.dataFrom().toString());
    params.put("data_to", split.dataTo().toString());
    return params;
  }

  private static Map<String, String> tags(String modelName, FeatureSetDefinition definition, TrainedModel trained) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("model_name", modelName);
    tags.put("feature_set", definition.version());
    tags.put("device", trained.device());
    tags.put("device_reason", trained.deviceReason());
    tags.put("code_version", BuildInfo.version());
    tags.put("trainer", "xgboost4j");
    return tags;
  }

  private static Map<String, Object> evaluationDocument(DatasetSplit split, EvaluationReport report,
      TrainedModel trained) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("splits", split.summaries());
    document.put("metrics", report.splits());
    Map<String, Object> confusion = new LinkedHashMap<>();
    report.splits().forEach((name, m) -> confusion.put(name, m.confusionMatrix()));
    document.put("confusion_matrices", confusion);
    document.put("feature_gain", report.gain());
    document.put("best_iteration", trained.bestIteration());
    document.put("rounds_run_before_early_stop", trained.roundsRun());
    document.put("device", trained.device());
    return document;
  }

  /** The registry stores plain numbers: NaN metrics (e.g. ROC-AUC of a one-class split) are left out. */
  private static Map<String, Double> finite(Map<String, Double> metrics) {
    Map<String, Double> finite = new LinkedHashMap<>();
    metrics.forEach((key, value) -> {
      if (value != null && Double.isFinite(value)) {
        finite.put(key, value);
      }
    });
    return finite;
  }
}
