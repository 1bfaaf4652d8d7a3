package dev.trii.scoring.http;

import dev.trii.scoring.model.ChampionModel;
import dev.trii.scoring.model.ServingModel;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code GET /health} (the process is up) and {@code GET /ready} (a model is loaded and requests can be scored). */
final class HealthController {

  private final ChampionModel champion;

  HealthController(ChampionModel champion) {
    this.champion = champion;
  }

  void live(Context ctx) {
    ctx.json(Map.of("status", "UP"));
  }

  void ready(Context ctx) {
    Optional<ServingModel> model = champion.current();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", model.isPresent());
    body.put("model", champion.modelName());
    if (model.isPresent()) {
      body.put("model_version", model.get().version().version());
    } else {
      body.put("reason", champion.notReadyReason());
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    ctx.json(body);
  }
}
