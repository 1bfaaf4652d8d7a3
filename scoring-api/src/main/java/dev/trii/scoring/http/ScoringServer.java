package dev.trii.scoring.http;

import dev.trii.core.apikeys.ApiKey;
import dev.trii.core.apikeys.ApiScope;
import dev.trii.core.registry.ModelRegistry;
import dev.trii.scoring.ScoringOptions;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.predict.PredictRequestParser;
import dev.trii.scoring.predict.PredictionService;
import dev.trii.scoring.rollout.LiveRollout;
import dev.trii.scoring.security.Access;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring API's HTTP server (Javalin): routes and who may call them, JSON mapping (snake_case), error answers,
 * request ids and request metrics, HTTPS when a keystore is configured, and a drain at shutdown.
 *
 * <p>Routes and scopes: {@code POST /v1/predict} and {@code /v1/predict/batch} need {@code predict}; {@code GET
 * /v1/model} needs {@code predict} (lineage only) or {@code read-models} (everything); {@code GET /v1/models} needs
 * {@code read-models}, and so does {@code GET /v1/rollout}; {@code POST} and {@code DELETE /v1/rollout} (start and
 * stop a canary or shadow rollout) and {@code GET /metrics} need {@code admin}. {@code /health}, {@code /ready} and {@code
 * /openapi.json} are open (probes and documentation).
 */
public final class ScoringServer implements AutoCloseable {

  private static final Logger access = LoggerFactory.getLogger("dev.trii.scoring.access");
  private static final String ENDPOINT = "trii.endpoint";
  private static final String STARTED = "trii.started";
  static final String CALLER = "trii.caller";

  /** How long the stop waits for the requests in flight once the server has stopped accepting connections. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Javalin app;
  private final AtomicBoolean draining;
  private final Duration drainDelay;
  private final List<String> routes;

  private ScoringServer(Javalin app, AtomicBoolean draining, Duration drainDelay, List<String> routes) {
    this.app = app;
    this.routes = List.copyOf(routes);
    this.draining = draining;
    this.drainDelay = drainDelay;
  }

  /** What the routes answer with. */
  public record Services(ChampionModel champion, LiveRollout rollout, PredictionService predictions,
      ScoringMetrics metrics, Access access, ModelRegistry registry) {}

  /** Starts serving on {@code options.host()}:{@code options.port()} (0: any free port, see {@link #port()}). */
  public static ScoringServer start(ScoringOptions options, Services services) {
    int maxBodyBytes = options.maxBodyBytes();
    // a batch body holds up to MAX_BATCH_ROWS vectors: sixteen times the single request's limit
    int maxBatchBytes = Math.max(maxBodyBytes, maxBodyBytes * 16);
    ScoringMetrics metrics = services.metrics();
    AtomicBoolean draining = new AtomicBoolean();
    PredictController predict = new PredictController(services.predictions(), new PredictRequestParser(),
        new RequestBodies(maxBodyBytes), new RequestBodies(maxBatchBytes), metrics);
    ModelController model = new ModelController(services.champion(), services.rollout(), services.registry());
    RolloutController rollouts = new RolloutController(services.rollout());
    HealthController health = new HealthController(services.champion(), draining);
    MetricsController metricsController = new MetricsController(metrics);
    OpenApiController openApi = new OpenApiController();
    Access guard = services.access();
    List<String> registered = new ArrayList<>();
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = maxBatchBytes;
      config.http.prefer405over404 = true;
      config.jsonMapper(new JavalinJackson(JsonAnswers.MAPPER, false));
      // Jetty's graceful stop: stop accepting, answer what is in flight with Connection: close, then stop
      config.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT.toMillis()));
      options.tls().ifPresent(tls -> config.jetty.addConnector((server, http) -> {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toString());
        ssl.setKeyStorePassword(tls.password());
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        return connector;
      }));
      config.routes.before(ctx -> {
        ctx.attribute(STARTED, System.nanoTime());
        RequestIds.assign(ctx);
        if (draining.get()) {
          ctx.header("Connection", "close"); // no keep-alive: the client's next request opens a new connection
        }
      });
      Routes routes = new Routes(config);
      routes.post("/v1/predict", route("predict", guard, predict::predict, ApiScope.PREDICT));
      routes.post("/v1/predict/batch", route("predict_batch", guard, predict::predictBatch, ApiScope.PREDICT));
      routes.get("/v1/model", route("model", guard, model::show, ApiScope.PREDICT, ApiScope.READ_MODELS));
      routes.get("/v1/models", route("models", guard, model::list, ApiScope.READ_MODELS));
      routes.get("/v1/rollout", route("rollout", guard, rollouts::show, ApiScope.READ_MODELS));
      routes.post("/v1/rollout", route("rollout_start", guard, rollouts::start, ApiScope.ADMIN));
      routes.delete("/v1/rollout", route("rollout_stop", guard, rollouts::stop, ApiScope.ADMIN));
      routes.get("/metrics", route("metrics", guard, metricsController::scrape, ApiScope.ADMIN));
      routes.get("/health", open("health", health::live));
      routes.get("/ready", open("ready", health::ready));
      routes.get("/openapi.json", open("openapi", openApi::document));
      registered.addAll(routes.names);
      config.routes.after(ctx -> {
        String endpoint = endpointOf(ctx);
        long nanos = System.nanoTime() - (long) ctx.attribute(STARTED);
        metrics.requestAnswered(endpoint, ctx.statusCode(), nanos);
        if (access.isDebugEnabled()) {
          access.debug("{} {} {} {} µs", ctx.method(), ctx.path(), ctx.statusCode(), nanos / 1000);
        }
        RequestIds.clear();
      });
      ErrorResponses.register(config.routes);
    });
    if (options.tls().isPresent()) {
      app.start();
    } else {
      app.start(options.host(), options.port());
    }
    return new ScoringServer(app, draining, options.drainDelay(), registered);
  }

  /** A route only keys holding one of {@code scopes} may call. */
  private static Handler route(String endpoint, Access guard, Handler handler, ApiScope... scopes) {
    return ctx -> {
      ctx.attribute(ENDPOINT, endpoint);
      ApiKey caller = guard.check(ctx.header("Authorization"), scopes);
      ctx.attribute(CALLER, caller);
      handler.handle(ctx);
    };
  }

  private static Handler open(String endpoint, Handler handler) {
    return ctx -> {
      ctx.attribute(ENDPOINT, endpoint);
      handler.handle(ctx);
    };
  }

  /** The key that made the request (routes that need one). */
  static ApiKey callerOf(Context ctx) {
    return ctx.attribute(CALLER);
  }

  private static String endpointOf(Context ctx) {
    String endpoint = ctx.attribute(ENDPOINT);
    return endpoint == null ? "other" : endpoint;
  }

  /** Registers routes and remembers them as {@code "METHOD /path"}, for {@link #routes()}. */
  private static final class Routes {
    private final JavalinConfig config;
    private final List<String> names = new ArrayList<>();

    Routes(JavalinConfig config) {
      this.config = config;
    }

    void get(String path, Handler handler) {
      config.routes.get(path, handler);
      names.add("GET " + path);
    }

    void post(String path, Handler handler) {
      config.routes.post(path, handler);
      names.add("POST " + path);
    }

    void delete(String path, Handler handler) {
      config.routes.delete(path, handler);
      names.add("DELETE " + path);
    }
  }

  /** Every route served, as {@code "METHOD /path"} (what the OpenAPI document must describe). */
  public List<String> routes() {
    return routes;
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /**
   * Stops gracefully: {@code /ready} answers 503 at once (load balancers stop sending) and answers close their
   * connections; requests keep being served for the drain delay. Then Jetty's graceful stop closes the listening
   * socket and waits (at most 30 s) until every open connection is done: requests in flight, and those arriving on
   * connections accepted before the close, are answered with {@code Connection: close}; connections idle for a
   * second are closed.
   */
  @Override
  public void close() {
    draining.set(true);
    try {
      TimeUnit.MILLISECONDS.sleep(drainDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
  }
}
