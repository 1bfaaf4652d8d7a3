package dev.trii.scoring.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.trii.scoring.metrics.ScoringMetrics;
import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.predict.PredictRequestParser;
import dev.trii.scoring.predict.PredictionService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;

/**
 * The scoring API's HTTP server (Javalin): routes, JSON mapping (snake_case), error answers and request metrics.
 */
public final class ScoringServer implements AutoCloseable {

  private static final String ENDPOINT = "trii.endpoint";

  private final Javalin app;

  private ScoringServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving.
   *
   * @param host interface to bind, e.g. {@code 0.0.0.0}
   * @param port port to bind, 0 for any free port (see {@link #port()})
   * @param maxBodyBytes largest request body accepted
   */
  public static ScoringServer start(String host, int port, int maxBodyBytes, ChampionModel champion,
      PredictionService predictions, ScoringMetrics metrics) {
    // a batch body holds up to MAX_BATCH_ROWS vectors: sixteen times the single request's limit
    int maxBatchBytes = Math.max(maxBodyBytes, maxBodyBytes * 16);
    PredictController predict = new PredictController(predictions, new PredictRequestParser(),
        new RequestBodies(maxBodyBytes), new RequestBodies(maxBatchBytes), metrics);
    ModelController model = new ModelController(champion);
    HealthController health = new HealthController(champion);
    MetricsController metricsController = new MetricsController(metrics);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = maxBatchBytes;
      config.http.prefer405over404 = true;
      config.jsonMapper(new JavalinJackson(jsonMapper(), false));
      config.routes.post("/v1/predict", counted("predict", predict::predict));
      config.routes.post("/v1/predict/batch", counted("predict_batch", predict::predictBatch));
      config.routes.get("/v1/model", counted("model", model::show));
      config.routes.get("/health", counted("health", health::live));
      config.routes.get("/ready", counted("ready", health::ready));
      config.routes.get("/metrics", counted("metrics", metricsController::scrape));
      config.routes.after(ctx -> metrics.requestAnswered(endpointOf(ctx), outcomeOf(ctx.statusCode())));
      ErrorResponses.register(config.routes);
    });
    app.start(host, port);
    return new ScoringServer(app);
  }

  static ObjectMapper jsonMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  private static Handler counted(String endpoint, Handler handler) {
    return ctx -> {
      ctx.attribute(ENDPOINT, endpoint);
      handler.handle(ctx);
    };
  }

  private static String endpointOf(Context ctx) {
    String endpoint = ctx.attribute(ENDPOINT);
    return endpoint == null ? "other" : endpoint;
  }

  /** A bounded set of outcome labels, so that the request counter's cardinality stays small. */
  static String outcomeOf(int status) {
    if (status < 400) {
      return "success";
    }
    return switch (status) {
      case 400 -> "invalid";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 413 -> "too_large";
      case 503 -> "unavailable";
      default -> status < 500 ? "client_error" : "error";
    };
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
