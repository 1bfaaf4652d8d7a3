package dev.trii.scoring.http;

import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ServingModel;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /health} (the process is up) and {@code GET /ready} (a model is loaded and requests can be scored; 503
 * once the server drains for shutdown).
 */
final class HealthController {

  private final ChampionModel champion;
  private final AtomicBoolean draining;

  HealthController(ChampionModel champion, AtomicBoolean draining) {
    this.champion = champion;
    this.draining = draining;
  }

  void live(Context ctx) {
    JsonAnswers.write(ctx, Map.of("status", "UP"));
  }

  void ready(Context ctx) {
    Optional<ServingModel> model = champion.current();
    boolean ready = model.isPresent() && !draining.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", ready);
    body.put("model", champion.modelName());
    model.ifPresent(m -> body.put("model_version", m.version().version()));
    if (!ready) {
      body.put("reason", draining.get() ? "the server is shutting down: finishing the requests in flight"
          : champion.notReadyReason());
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    JsonAnswers.write(ctx, body);
  }
}
