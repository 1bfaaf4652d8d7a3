package dev.trii.scoring;

import dev.trii.core.Platform;
import dev.trii.core.apikeys.ApiKeys;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.market.BarRepository;
import dev.trii.core.rollout.Rollouts;
import dev.trii.scoring.http.ScoringServer;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ModelLoader;
import dev.trii.scoring.predict.PredictionService;
import dev.trii.scoring.predictionlog.PredictionLog;
import dev.trii.scoring.predictionlog.PredictionLogTable;
import dev.trii.scoring.predictionlog.Sampling;
import dev.trii.scoring.rollout.LiveRollout;
import dev.trii.scoring.rollout.RolloutPolicy;
import dev.trii.scoring.security.Access;
import dev.trii.scoring.security.KeyRing;
import dev.trii.scoring.security.RateLimits;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring API process: serves the registry's champion model over HTTP (see {@link ScoringServer} for the routes and
 * who may call them) and follows promotions while running. Configured by
 * {@code TRII_*} settings; {@link #start} runs it on an already opened {@link Platform} (tests, the launcher).
 */
public final class ScoringApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScoringApplication.class);

  private final ChampionModel champion;
  private final LiveRollout rollout;
  private final KeyRing keys;
  private final Repeating background;
  private final ScoringServer server;
  private final PredictionLog predictionLog;

  private ScoringApplication(ChampionModel champion, LiveRollout rollout, KeyRing keys, Repeating background,
      ScoringServer server, PredictionLog predictionLog) {
    this.champion = champion;
    this.rollout = rollout;
    this.keys = keys;
    this.background = background;
    this.server = server;
    this.predictionLog = predictionLog;
  }

  public static void main(String[] args) {
    Platform platform;
    ScoringApplication app;
    try {
      TriiConfig config = TriiConfig.load();
      platform = Platform.open(config);
      try {
        app = start(platform, ScoringOptions.from(config));
      } catch (RuntimeException e) {
        platform.close();
        throw e;
      }
    } catch (TriiException e) {
      System.err.println("scoring-api: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      platform.close();
      stopped.countDown();
    }, "scoring-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Loads the champion (when there is one), starts following the alias and starts the HTTP server. Closing the
   * result drains and stops the server and the background work; the platform stays open (its owner closes it).
   */
  public static ScoringApplication start(Platform platform, ScoringOptions options) {
    Sampling sampling = Sampling.from(platform.config());
    ScoringMetrics metrics = new ScoringMetrics();
    Clock clock = Clock.systemUTC();
    ModelLoader loader = new ModelLoader(platform.artifacts(), platform.featureSet(), clock);
    ChampionModel champion = new ChampionModel(platform.registry(), platform.modelName(), loader, metrics, clock,
        options.retryFailedAfter());
    champion.refresh();
    LiveRollout rollout = new LiveRollout(new Rollouts(platform.database().dataSource(), clock), platform.registry(),
        champion, loader, RolloutPolicy.from(platform.config()), metrics, clock);
    rollout.refresh();
    PredictionLog predictionLog = PredictionLog.start(sampling,
        new PredictionLogTable(platform.database().dataSource()), metrics);
    PredictionService predictions = new PredictionService(rollout, platform.featureSet(),
        new BarRepository(platform.database().dataSource(), platform.instruments()), clock, options.maxBarAge(),
        predictionLog, metrics);
    KeyRing keys = new KeyRing(new ApiKeys(platform.database().dataSource(), clock), clock);
    keys.reload();
    Repeating background = new Repeating()
        .every(options.refreshInterval(), "model refresh", champion::refresh)
        .every(options.refreshInterval(), "rollout refresh", rollout::refresh)
        .every(options.keyReload(), "API key reload", keys::reload);
    ScoringServer server;
    try {
      server = ScoringServer.start(options, new ScoringServer.Services(champion, rollout, predictions, metrics,
          new Access(keys, new RateLimits()), platform.registry()));
    } catch (RuntimeException e) {
      background.close();
      predictionLog.close();
      rollout.close();
      champion.close();
      throw new TriiException("scoring API cannot listen on " + options.host() + ":" + options.port()
          + " (TRII_SCORING_PORT): " + e.getMessage(), e);
    }
    log.info("scoring API listening on {}://{}:{} for model '{}' ({}; {} API keys)", options.scheme(), options.host(),
        server.port(), platform.modelName(), champion.current().map(m -> "serving version " + m.version().version())
            .orElse(champion.notReadyReason()), keys.size());
    return new ScoringApplication(champion, rollout, keys, background, server, predictionLog);
  }

  /** Every route served, as {@code "METHOD /path"}. */
  public List<String> routes() {
    return server.routes();
  }

  /** The bound HTTP port. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    predictionLog.close(); // writes what the last requests logged
    background.close();
    keys.recordUse(); // the uses since the last reload
    rollout.close();
    champion.close();
  }
}
