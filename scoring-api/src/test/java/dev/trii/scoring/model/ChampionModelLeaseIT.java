package dev.trii.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trii.core.registry.ModelVersion;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.testing.ModelFixtures;
import dev.trii.scoring.testing.ScoringHarness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replaced model is freed when its last request ends, never under one: a slow request that took the model before
 * a swap scores on it after the swap, and the booster is freed when the request lets go; under load across many
 * swaps, no request ever scores on a freed model.
 */
class ChampionModelLeaseIT {

  private static ScoringHarness harness;
  private static Booster first;
  private static Booster second;
  private static final float[] ROW = ModelFixtures.row(new Random(5));

  @BeforeAll
  static void prepare() {
    harness = ScoringHarness.prepare();
    first = ModelFixtures.train(1);
    second = ModelFixtures.train(2);
  }

  @AfterAll
  static void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private static ChampionModel champion() {
    Clock clock = Clock.systemUTC();
    return new ChampionModel(harness.platform().registry(), ScoringHarness.MODEL_NAME,
        new ModelLoader(harness.platform().artifacts(), harness.platform().featureSet(), clock), new ScoringMetrics(),
        clock, Duration.ofMinutes(1));
  }

  private static ModelVersion promote(Booster booster) {
    return ModelFixtures.promote(harness.platform().registry(), harness.store(), ScoringHarness.MODEL_NAME, booster,
        ModelFixtures.Damage.NONE);
  }

  @Test
  void aSlowRequestAcrossASwapScoresOnItsModelWhichIsFreedWhenTheRequestEnds() throws Exception {
    promote(first);
    ChampionModel champion = champion();
    champion.refresh();

    ModelLease slow = champion.lease();
    ServingModel old = slow.model();
    promote(second);
    champion.refresh();

    try (ModelLease fresh = champion.lease()) {
      assertThat(fresh.model()).isNotSameAs(old);
    }
    assertThat(old.isFreed()).as("still held by the slow request").isFalse();
    assertThat(old.probabilityUp(ROW)).isCloseTo(ModelFixtures.predict(first, ROW), within(1e-7));
    slow.close();
    assertThat(old.isFreed()).as("freed with its last request").isTrue();
    champion.close();
  }

  @Test
  void underLoadAcrossFiftySwapsNoRequestScoresOnAFreedModel() throws Exception {
    promote(first);
    ChampionModel champion = champion();
    champion.refresh();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      results.add(clients.submit(() -> {
        int scored = 0;
        while (!stop.get()) {
          try (ModelLease lease = champion.lease()) {
            assertThat(lease.model().isFreed()).isFalse();
            double p = lease.model().probabilityUp(ROW);
            assertThat(p).isBetween(0.0, 1.0);
            assertThat(lease.model().isFreed()).isFalse();
            scored++;
          }
        }
        return scored;
      }));
    }
    List<ServingModel> replaced = new ArrayList<>();
    for (int swap = 0; swap < 50; swap++) {
      ServingModel before = champion.current().orElseThrow();
      promote(swap % 2 == 0 ? second : first);
      champion.refresh();
      replaced.add(before);
    }
    stop.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    int scored = 0;
    for (Future<Integer> result : results) {
      scored += result.get(); // rethrows any assertion a client failed
    }
    assertThat(scored).isPositive();
    assertThat(replaced).as("every replaced model freed once its requests ended").allMatch(ServingModel::isFreed);
    champion.close();
  }
}
