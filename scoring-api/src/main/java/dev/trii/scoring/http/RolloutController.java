package dev.trii.scoring.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trii.core.apikeys.ApiKey;
import dev.trii.core.rollout.Rollout;
import dev.trii.core.rollout.Rollouts;
import dev.trii.scoring.predict.InvalidRequestException;
import dev.trii.scoring.rollout.LiveRollout;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/rollout}: the running rollout with what this server measured of each arm, and the latest ones;
 * {@code POST /v1/rollout} starts one ({@code {"version": 7, "mode": "canary"}}, optionally {@code "stages": [5, 25,
 * 50, 100]}; or {@code "mode": "shadow"}); {@code DELETE /v1/rollout} stops it.
 */
final class RolloutController {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("version", "mode", "stages");

  private final LiveRollout rollout;

  RolloutController(LiveRollout rollout) {
    this.rollout = rollout;
  }

  record RolloutView(LiveRollout.Status running, List<Rollout> recent) {}

  void show(Context ctx) {
    JsonAnswers.write(ctx, new RolloutView(rollout.status().orElse(null), rollout.history(10)));
  }

  void start(Context ctx) {
    JsonNode body;
    try {
      body = JSON.readTree(ctx.bodyAsBytes());
    } catch (JacksonException e) {
      throw new InvalidRequestException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRequestException("unreadable request body: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("send {\"version\": N, \"mode\": \"canary\" or \"shadow\"}");
    }
    List<String> unknown = new ArrayList<>();
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException("unknown field(s) " + unknown + ": send version, mode and optionally stages",
          Map.of("unknown_fields", unknown));
    }
    JsonNode version = body.get("version");
    if (version == null || !version.isInt() || version.asInt() < 1) {
      throw new InvalidRequestException("'version' must be a registered version number", Map.of("field", "version"));
    }
    Rollout.Mode mode;
    try {
      mode = Rollout.Mode.valueOf(body.path("mode").asText("canary").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'mode' must be canary or shadow", Map.of("field", "mode"));
    }
    List<Integer> stages = new ArrayList<>();
    if (body.has("stages")) {
      if (!body.get("stages").isArray()) {
        throw new InvalidRequestException("'stages' must be a list of percentages", Map.of("field", "stages"));
      }
      for (JsonNode stage : body.get("stages")) {
        if (!stage.isInt()) {
          throw new InvalidRequestException("'stages' must be whole percentages", Map.of("field", "stages"));
        }
        stages.add(stage.asInt());
      }
    } else {
      stages.addAll(Rollouts.DEFAULT_STAGES);
    }
    ApiKey caller = ScoringServer.callerOf(ctx);
    try {
      Rollout started = rollout.start(version.asInt(), mode, stages,
          "api key " + caller.prefix() + " (" + caller.name() + ")");
      ctx.status(HttpStatus.CREATED);
      JsonAnswers.write(ctx, started);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  void stop(Context ctx) {
    ApiKey caller = ScoringServer.callerOf(ctx);
    Rollout stopped = rollout.stop("stopped by api key " + caller.prefix() + " (" + caller.name() + ")")
        .orElseThrow(() -> new NotFoundResponse("no rollout is running"));
    JsonAnswers.write(ctx, stopped);
  }
}
