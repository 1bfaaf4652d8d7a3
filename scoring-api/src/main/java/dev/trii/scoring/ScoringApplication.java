package dev.trii.scoring;

import dev.trii.core.Platform;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.core.market.BarRepository;
import dev.trii.scoring.http.ScoringServer;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ModelLoader;
import dev.trii.scoring.model.ModelRefresher;
import dev.trii.scoring.predict.PredictionService;
import dev.trii.scoring.predictionlog.PredictionLog;
import dev.trii.scoring.predictionlog.PredictionLogTable;
import dev.trii.scoring.predictionlog.Sampling;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring API process: serves the registry's champion model over HTTP ({@code /v1/predict}, {@code /v1/model},
 * {@code /health}, {@code /ready}, {@code /metrics}) and follows promotions while running. Configured by
 * {@code TRII_*} settings; {@link #start} runs it on an already opened {@link Platform} (tests, the launcher).
 */
public final class ScoringApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScoringApplication.class);

  private final ChampionModel champion;
  private final ModelRefresher refresher;
  private final ScoringServer server;
  private final PredictionLog predictionLog;

  private ScoringApplication(ChampionModel champion, ModelRefresher refresher, ScoringServer server,
      PredictionLog predictionLog) {
    this.champion = champion;
    this.refresher = refresher;
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
   * result stops the server and the refresher; the platform stays open (its owner closes it).
   */
  public static ScoringApplication start(Platform platform, ScoringOptions options) {
    Sampling sampling = Sampling.from(platform.config());
    ScoringMetrics metrics = new ScoringMetrics();
    Clock clock = Clock.systemUTC();
    ChampionModel champion = new ChampionModel(platform.registry(), platform.modelName(),
        new ModelLoader(platform.artifacts(), platform.featureSet(), clock), metrics, clock,
        options.retryFailedAfter());
    champion.refresh();
    PredictionLog predictionLog = PredictionLog.start(sampling,
        new PredictionLogTable(platform.database().dataSource()), metrics);
    PredictionService predictions = new PredictionService(champion, platform.featureSet(),
        new BarRepository(platform.database().dataSource(), platform.instruments()), clock, options.maxBarAge(),
        predictionLog);
    ModelRefresher refresher = ModelRefresher.start(champion, options.refreshInterval());
    ScoringServer server;
    try {
      server = ScoringServer.start(options.host(), options.port(), options.maxBodyBytes(), champion, predictions,
          metrics);
    } catch (RuntimeException e) {
      refresher.close();
      predictionLog.close();
      champion.close();
      throw new TriiException("scoring API cannot listen on " + options.host() + ":" + options.port()
          + " (TRII_SCORING_PORT): " + e.getMessage(), e);
    }
    log.info("scoring API listening on {}:{} for model '{}' ({})", options.host(), server.port(),
        platform.modelName(), champion.current().map(m -> "serving version " + m.version().version())
            .orElse(champion.notReadyReason()));
    return new ScoringApplication(champion, refresher, server, predictionLog);
  }

  /** The bound HTTP port. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    predictionLog.close(); // writes what the last requests logged
    refresher.close();
    champion.close();
  }
}
