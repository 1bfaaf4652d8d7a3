package dev.trii.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trii.core.digest.Sha256;
import dev.trii.core.features.FeatureSet;
import dev.trii.core.model.ModelMetadata;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.registry.RunDetails;
import dev.trii.core.registry.RunStatus;
import dev.trii.core.registry.builtin.PostgresModelRegistry;
import dev.trii.core.storage.ArtifactStore;
import dev.trii.core.testing.TestDatabase;
import dev.trii.core.testing.TestObjectStore;
import dev.trii.training.dataset.FeatureRowsLoader;
import dev.trii.training.dataset.LabelledDataset;
import dev.trii.training.gate.QualityChecksReader;
import dev.trii.training.provenance.Provenance;
import dev.trii.training.provenance.Reproduction;
import dev.trii.training.testing.FeatureRowsFixture;
import dev.trii.training.testing.SyntheticBars;
import dev.trii.training.xgboost.XGBoostSettings;
import dev.trii.training.xgboost.XGBoostTrainer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Train-and-gate against real PostgreSQL (registry, feature rows) and a local S3Proxy (artifacts). */
class TrainingPipelineIT {

  private static final FeatureSet FEATURES = FeatureSet.v2();
  private static final String MODEL = "it-direction";
  private static final SyntheticBars MARKET = SyntheticBars.market(3, "AAA", "BBB", "CCC");
  private static final SyntheticBars RANDOM_WALK =
      SyntheticBars.randomWalk(3, "AAA", "BBB", "CCC").startingOn(LocalDate.of(2024, 4, 1));

  private TestDatabase db;
  private ArtifactStore store;
  private ModelRegistry registry;
  private TrainingPipeline pipeline;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    store = ArtifactStore.connect(TestObjectStore.freshBucket());
    registry = new PostgresModelRegistry(db.dataSource(), store.uri("mlruns"));
    TrainingOptions options = TrainingOptions.defaults()
        .withXgboost(XGBoostSettings.defaults().with("nthread", "1"));
    pipeline = new TrainingPipeline(db.dataSource(), store, registry, FEATURES, options,
        XGBoostTrainer.onThisMachine());
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void aFirstModelThatLearnsTheQueueImbalanceEffectPassesTheGateAndBecomesChampion() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());

    TrainingOutcome outcome = pipeline.trainAndGate(MODEL);

    assertThat(outcome.version()).isEqualTo(1);
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.promoted()).isTrue();
    assertThat(outcome.championBefore()).isNull();
    assertThat(outcome.championAfter()).isEqualTo(1);
    assertThat(outcome.metrics().get("holdout_accuracy")).isGreaterThan(0.70);
    assertThat(outcome.metrics()).containsKeys("train_accuracy", "early_stopping_accuracy", "holdout_roc_auc",
        "holdout_log_loss", "holdout_prior_log_loss", "holdout_baseline_accuracy", "holdout_positive_rate",
        "train_positive_rate", "holdout_f1", "p95_latency_ms");
    assertThat(outcome.summary()).contains("no champion yet: thresholds and lift over the baseline applied");
    assertThat(outcome.device()).isEqualTo("cpu");

    ModelVersion champion = registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION).orElseThrow();
    assertThat(champion.version()).isEqualTo(1);
    assertThat(champion.source()).isEqualTo(outcome.source()).endsWith("/model");

    String folder = store.keyOf(outcome.source());
    byte[] model = store.get(folder + "/model.json");
    ModelMetadata metadata = ModelMetadata.fromJson(store.get(folder + "/metadata.json"));
    assertThat(metadata.modelSha256()).isEqualTo(Sha256.hex(model)).isEqualTo(outcome.modelSha256());
    assertThat(metadata.featureNames()).isEqualTo(FEATURES.names());
    assertThat(metadata.featureSetVersion()).isEqualTo(FEATURES.version());
    assertThat(metadata.horizonMinutes()).isEqualTo(1);
    assertThat(metadata.deadZoneBps()).isEqualTo(1.0);
    assertThat(metadata.device()).isEqualTo("cpu");
    assertThat(metadata.rows()).containsOnlyKeys("train", "early_stopping", "holdout");
    assertThat(metadata.dataFrom()).isEqualTo(outcome.dataFrom());
    assertThat(metadata.metrics()).containsEntry("holdout_accuracy", outcome.metrics().get("holdout_accuracy"));
    assertThat(metadata.params()).containsEntry("objective", "binary:logistic").containsEntry("seed", "42");
    assertThat(new String(store.get(folder + "/evaluation.json"), StandardCharsets.UTF_8))
        .contains("confusion_matrices", "feature_gain");

    RunDetails run = registry.getRun(outcome.runId());
    assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.metrics()).containsKeys("holdout_accuracy", "p95_latency_ms", "gain_queue_imbalance", "gate_passed");
    // it passes because it learned the queue-imbalance effect: a queue-imbalance feature carries the most gain
    String strongest = run.metrics().entrySet().stream().filter(metric -> metric.getKey().startsWith("gain_"))
        .max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(strongest).startsWith("gain_queue_imbalance");
    assertThat(run.params()).containsKeys("eta", "max_depth", "data_train_rows", "data_from", "embargo_minutes");
    assertThat(run.tags()).containsEntry("device", "cpu").containsKey("code_version");

    PromotionDecision decision = registry.listDecisions(MODEL).get(0);
    assertThat(decision.passed()).isTrue();
    assertThat(decision.checks()).extracting(GateCheck::name).containsExactly(
        "data_quality excluded_sessions_share <= 0.25 and every session checked", "train_accuracy > 0.75",
        "holdout_accuracy > 0.7", "p95_latency_ms < 100.0",
        "holdout_accuracy - majority baseline >= 0.02, lower bound > 0",
        "holdout_log_loss < class prior's log loss, lower bound of the gap > 0",
        "holdout_roc_auc > 0.5200, lower bound > 0.5");
    assertThat(decision.checks()).filteredOn(c -> c.name().startsWith("holdout_"))
        .allSatisfy(c -> assertThat(c.confidenceBound()).isNotNull());
  }

  @Test
  void randomWalkCandidateFailsTheGateAndTheChampionStays() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    TrainingOutcome first = pipeline.trainAndGate(MODEL);
    assertThat(first.promoted()).isTrue();
    db.jdbc().update("delete from feature_rows");
    FeatureRowsFixture.write(db.dataSource(), FEATURES, RANDOM_WALK.sessionsBars());

    TrainingOutcome second = pipeline.trainAndGate(MODEL);

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.passed()).isFalse();
    assertThat(second.promoted()).isFalse();
    assertThat(second.championBefore()).isEqualTo(1);
    assertThat(second.championAfter()).isEqualTo(1);
    assertThat(second.metrics().get("holdout_accuracy")).isBetween(0.4, 0.6);
    assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION).orElseThrow().version()).isEqualTo(1);
    assertThat(registry.getRun(second.runId()).status()).isEqualTo(RunStatus.FINISHED);

    PromotionDecision decision = registry.listDecisions(MODEL).get(0);
    assertThat(decision.candidateVersion()).isEqualTo(2);
    assertThat(decision.championVersion()).isEqualTo(1);
    assertThat(decision.passed()).isFalse();
    GateCheck holdout = decision.checks().stream()
        .filter(c -> c.name().equals("holdout_accuracy > 0.7")).findFirst().orElseThrow();
    assertThat(holdout.passed()).isFalse();
    assertThat(holdout.value()).isEqualTo(second.metrics().get("holdout_accuracy"));
    // the champion predicted the candidate's holdout rows: the comparison is paired, row by row
    assertThat(decision.checks()).filteredOn(c -> c.name().startsWith("holdout accuracy vs champion v1"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("McNemar"));
    assertThat(decision.summary()).contains("champion v1 stays");
  }

  @Test
  void aSessionWithAFailedQualityCheckIsLeftOutOfTrainingAndNamedByTheGate() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    LocalDate day = MARKET.dates().get(1);
    db.jdbc().update("insert into quality_checks (trading_date, symbol, check_name, status, value, threshold) "
        + "values (?, 'AAA', 'completeness', 'FAIL', 0.5, 0.95) on conflict (trading_date, symbol, check_name) "
        + "do update set status = excluded.status, value = excluded.value", day);

    TrainingOutcome outcome = pipeline.trainAndGate(MODEL);

    assertThat(outcome.excludedSessions()).containsExactly(day + " AAA (completeness)");
    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.promoted()).isTrue();
    GateCheck quality = outcome.decision().checks().get(0);
    assertThat(quality.name()).isEqualTo("data_quality excluded_sessions_share <= 0.25 and every session checked");
    assertThat(quality.passed()).isTrue();
    assertThat(quality.value()).isEqualTo(1.0 / 9);
    assertThat(quality.detail()).contains("1 of 9 labelled sessions", day + " AAA (completeness)",
        "0 of 8 quality checks of the sessions trained on failed", "0 session(s) trained on had no quality verdict");
    FeatureRowsLoader loader = new FeatureRowsLoader(db.dataSource());
    LabelledDataset trainedOn = loader.load(loader.definition(FEATURES.version()),
        new QualityChecksReader(db.dataSource()).failedSessions(FEATURES.version()));
    long aaaOnThatDay = db.count("feature_rows where symbol = 'AAA' and trading_date = '" + day + "' and label is not null");
    assertThat(aaaOnThatDay).isPositive();
    assertThat(trainedOn.rows()).isEqualTo(db.count("feature_rows where label is not null") - aaaOnThatDay);
    assertThat(java.util.stream.IntStream.range(0, trainedOn.rows()).filter(i -> trainedOn.symbol(i).equals("AAA")
        && FEATURES.calendar("AAA").tradingDate(trainedOn.timestamp(i)).equals(day)).count()).isZero();
    assertThat(registry.getRun(outcome.runId()).tags()).containsEntry("excluded_sessions", "1");
  }

  @Test
  void tooManySessionsWithFailedChecksFailTheGate() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    LocalDate day = MARKET.dates().get(1);
    db.jdbc().update("insert into quality_checks (trading_date, symbol, check_name, status, value, threshold) "
        + "select ?, s, 'gaps', 'FAIL', 45, 15 from unnest(array['AAA', 'BBB', 'CCC']) s "
        + "on conflict (trading_date, symbol, check_name) do update set status = excluded.status", day);

    TrainingOutcome outcome = pipeline.trainAndGate(MODEL);

    assertThat(outcome.excludedSessions()).hasSize(3);
    assertThat(outcome.passed()).isFalse();
    assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION)).isEmpty();
    GateCheck quality = outcome.decision().checks().get(0);
    assertThat(quality.passed()).isFalse();
    assertThat(quality.value()).isEqualTo(3.0 / 9);
  }

  @Test
  void aSessionTheQualityJobNeverCheckedFailsTheGateInsteadOfBeingSkipped() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    LocalDate day = MARKET.dates().get(2);
    db.jdbc().update("delete from quality_checks where trading_date = ? and symbol = 'CCC'", day);

    TrainingOutcome outcome = pipeline.trainAndGate(MODEL);

    assertThat(outcome.passed()).isFalse();
    assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION)).isEmpty();
    GateCheck quality = outcome.decision().checks().get(0);
    assertThat(quality.passed()).isFalse();
    assertThat(quality.detail()).contains("1 session(s) trained on had no quality verdict: " + day + " CCC");
  }

  @Test
  void aVersionRetrainedFromItsRecordedInputsHasTheSameBytesUntilItsDataChange() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    TrainingOutcome outcome = pipeline.trainAndGate(MODEL);
    ModelVersion version = registry.getModelVersion(MODEL, outcome.version()).orElseThrow();
    Reproduction reproduction = new Reproduction(db.dataSource(), store, XGBoostTrainer.onThisMachine());
    // later data (another day) is not part of the recorded range
    FeatureRowsFixture.write(db.dataSource(), FEATURES,
        SyntheticBars.market(1, "AAA").startingOn(MARKET.dates().get(2).plusDays(7)).sessionsBars());

    Reproduction.Result same = reproduction.reproduce(version);

    assertThat(same.identical()).as(same.toString()).isTrue();
    assertThat(same.reproducedSha256()).isEqualTo(outcome.modelSha256());
    assertThat(same.sameData()).isTrue();
    Provenance provenance = outcome.provenance();
    assertThat(same.rows()).isEqualTo(provenance.dataRows());
    assertThat(same.splitRows()).isEqualTo(outcome.rows());
    assertThat(provenance.dataSha256()).hasSize(64).isEqualTo(same.dataSha256());
    assertThat(provenance.featureSetDefinitionSha256()).isEqualTo(FEATURES.definitionHash());
    assertThat(provenance.gatesSha256()).isEqualTo(pipeline.options().gates().sha256());
    assertThat(provenance.xgboost4j()).startsWith("xgboost4j");
    assertThat(provenance.jdk()).contains(System.getProperty("java.runtime.version"));
    assertThat(provenance.gitCommit()).isNotBlank();
    assertThat(registry.getRun(outcome.runId()).params()).containsEntry("data_sha256", provenance.dataSha256())
        .containsKeys("git_commit", "code_sha256", "xgboost4j", "jdk", "gates_sha256", "feature_set_definition_sha256");

    // a recomputed row inside the range changes the data, and with it the model
    db.jdbc().update("update feature_rows set label = 1 - label where label is not null and ts = "
        + "(select min(ts) from feature_rows where label is not null)");
    Reproduction.Result changed = reproduction.reproduce(version);

    assertThat(changed.sameData()).isFalse();
    assertThat(changed.differences()).anySatisfy(line -> assertThat(line).startsWith("data fingerprint: recorded "));
  }

  @Test
  void twoConcurrentRunsPromoteOnceAndTheOtherIsRecordedAsSuperseded() throws Exception {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    // both runs have been compared with "no champion" before either records its decision: the race CAS must settle
    CyclicBarrier bothJudged = new CyclicBarrier(2);
    ModelRegistry racing = (ModelRegistry) Proxy.newProxyInstance(ModelRegistry.class.getClassLoader(),
        new Class<?>[] {ModelRegistry.class}, (proxy, method, args) -> {
          if (method.getName().equals("recordDecision")) {
            bothJudged.await(2, TimeUnit.MINUTES);
          }
          try {
            return method.invoke(registry, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<TrainingOutcome> outcomes = new ArrayList<>();
    try {
      List<Future<TrainingOutcome>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        TrainingPipeline run = new TrainingPipeline(db.dataSource(), store, racing, FEATURES, pipeline.options(),
            XGBoostTrainer.onThisMachine());
        runs.add(threads.submit(() -> run.trainAndGate(MODEL)));
      }
      for (Future<TrainingOutcome> run : runs) {
        outcomes.add(run.get(5, TimeUnit.MINUTES));
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.passed()).isTrue());
    assertThat(outcomes).filteredOn(TrainingOutcome::promoted).singleElement()
        .satisfies(winner -> assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION).orElseThrow()
            .version()).isEqualTo(winner.version()));
    TrainingOutcome loser = outcomes.stream().filter(outcome -> !outcome.promoted()).findFirst().orElseThrow();
    assertThat(loser.superseded()).isTrue();
    assertThat(loser.summary()).contains("superseded: the champion moved from none to v");
    assertThat(registry.listDecisions(MODEL)).extracting(PromotionDecision::outcome)
        .containsExactlyInAnyOrder(PromotionDecision.Outcome.PROMOTED, PromotionDecision.Outcome.SUPERSEDED);
    assertThat(registry.getRun(loser.runId()).tags()).containsEntry("gate_outcome", "superseded");
    assertThat(registry.aliasChanges(MODEL, ModelRegistry.CHAMPION)).hasSize(1);
  }

  @Test
  void withPromotionOffAPassingCandidateIsRegisteredButNeitherRecordedNorPromoted() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    TrainingPipeline judgeOnly = new TrainingPipeline(db.dataSource(), store, registry, FEATURES,
        pipeline.options().withPromotion(false), XGBoostTrainer.onThisMachine());

    TrainingOutcome outcome = judgeOnly.trainAndGate(MODEL);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.promoted()).isFalse();
    assertThat(outcome.championAfter()).isNull();
    assertThat(outcome.summary()).contains("v1 would become champion", "promotion off for this run");
    assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION)).isEmpty();
    assertThat(registry.listModelVersions(MODEL)).hasSize(1);
    assertThat(registry.listDecisions(MODEL)).isEmpty();
    assertThat(registry.getRun(outcome.runId()).tags()).containsEntry("promotion", "off");
  }

  @Test
  void aChampionWhoseModelFileWasAlteredCannotBeOutvotedUnchecked() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, MARKET.sessionsBars());
    TrainingOutcome first = pipeline.trainAndGate(MODEL);
    store.put(store.keyOf(first.source()) + "/model.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

    TrainingOutcome second = pipeline.trainAndGate(MODEL);

    assertThat(second.passed()).isFalse();
    assertThat(second.decision().checks()).filteredOn(c -> c.name().contains("vs champion v1"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.detail()).contains("sha256"));
    assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void tooFewLabelledRowsFailWithTheCountAndTheMinimum() {
    SyntheticBars oneSession = SyntheticBars.market(1, "AAA");
    int labelled = FeatureRowsFixture.write(db.dataSource(), FEATURES,
        oneSession.sessionsBars().stream().map(bars -> bars.subList(0, 120)).toList());

    assertThatThrownBy(() -> pipeline.trainAndGate(MODEL))
        .isInstanceOf(InsufficientDataException.class)
        .hasMessage("only " + labelled + " labelled feature rows for feature set " + FEATURES.version() + "; training needs at least 500: "
            + "ingest more bars and run the features job");
    assertThat(db.count("registry_runs")).isZero();
    assertThat(registry.listModelVersions(MODEL)).isEmpty();
  }
}
