package dev.trii.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.trii.training.testing.FeatureRowsFixture;
import dev.trii.training.testing.SyntheticBars;
import dev.trii.training.xgboost.XGBoostSettings;
import dev.trii.training.xgboost.XGBoostTrainer;
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

  private static final FeatureSet FEATURES = FeatureSet.v1();
  private static final String MODEL = "it-direction";
  private static final SyntheticBars TRENDING = SyntheticBars.trending(3, "AAA", "BBB", "CCC");
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
  void firstModelOnTrendingBarsPassesTheGateAndBecomesChampion() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());

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
    assertThat(metadata.modelSha256()).isEqualTo(ModelMetadata.sha256(model)).isEqualTo(outcome.modelSha256());
    assertThat(metadata.featureNames()).isEqualTo(FEATURES.names());
    assertThat(metadata.featureSetVersion()).isEqualTo("v1");
    assertThat(metadata.horizonMinutes()).isEqualTo(5);
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
    assertThat(run.metrics()).containsKeys("holdout_accuracy", "p95_latency_ms", "gain_ret_5m", "gate_passed");
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
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
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
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
    LocalDate day = TRENDING.dates().get(1);
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
    LabelledDataset trainedOn = loader.load(loader.definition("v1"),
        new QualityChecksReader(db.dataSource()).failedSessions("v1"));
    long aaaOnThatDay = db.count("feature_rows where symbol = 'AAA' and trading_date = '" + day + "' and label is not null");
    assertThat(aaaOnThatDay).isPositive();
    assertThat(trainedOn.rows()).isEqualTo(db.count("feature_rows where label is not null") - aaaOnThatDay);
    assertThat(java.util.stream.IntStream.range(0, trainedOn.rows()).filter(i -> trainedOn.symbol(i).equals("AAA")
        && FEATURES.calendar("AAA").tradingDate(trainedOn.timestamp(i)).equals(day)).count()).isZero();
    assertThat(registry.getRun(outcome.runId()).tags()).containsEntry("excluded_sessions", "1");
  }

  @Test
  void tooManySessionsWithFailedChecksFailTheGate() {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
    LocalDate day = TRENDING.dates().get(1);
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
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
    LocalDate day = TRENDING.dates().get(2);
    db.jdbc().update("delete from quality_checks where trading_date = ? and symbol = 'CCC'", day);

    TrainingOutcome outcome = pipeline.trainAndGate(MODEL);

    assertThat(outcome.passed()).isFalse();
    assertThat(registry.getVersionByAlias(MODEL, ModelRegistry.CHAMPION)).isEmpty();
    GateCheck quality = outcome.decision().checks().get(0);
    assertThat(quality.passed()).isFalse();
    assertThat(quality.detail()).contains("1 session(s) trained on had no quality verdict: " + day + " CCC");
  }

  @Test
  void twoConcurrentRunsPromoteOnceAndTheOtherIsRecordedAsSuperseded() throws Exception {
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<TrainingOutcome> outcomes = new ArrayList<>();
    try {
      List<Future<TrainingOutcome>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        TrainingPipeline run = new TrainingPipeline(db.dataSource(), store, registry, FEATURES, pipeline.options(),
            XGBoostTrainer.onThisMachine());
        runs.add(threads.submit(() -> {
          start.await();
          return run.trainAndGate(MODEL);
        }));
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
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
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
    FeatureRowsFixture.write(db.dataSource(), FEATURES, TRENDING.sessionsBars());
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
    SyntheticBars oneSession = SyntheticBars.trending(1, "AAA");
    int labelled = FeatureRowsFixture.write(db.dataSource(), FEATURES,
        oneSession.sessionsBars().stream().map(bars -> bars.subList(0, 120)).toList());

    assertThatThrownBy(() -> pipeline.trainAndGate(MODEL))
        .isInstanceOf(InsufficientDataException.class)
        .hasMessage("only " + labelled + " labelled feature rows for feature set v1; training needs at least 500: "
            + "ingest more bars and run the features job");
    assertThat(db.count("registry_runs")).isZero();
    assertThat(registry.listModelVersions(MODEL)).isEmpty();
  }
}
