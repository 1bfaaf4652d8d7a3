package dev.trii.scoring.http;

import dev.trii.core.model.Predictor.FeatureSetMismatchException;
import dev.trii.scoring.model.NoModelException;
import dev.trii.scoring.predict.InvalidRequestException;
import dev.trii.scoring.predict.UnknownSymbolException;
import dev.trii.scoring.security.AccessDeniedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers, each an RFC 9457 problem ({@code application/problem+json}:
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, plus members that say more, such as
 * {@code symbol}): invalid requests 400, no or an unknown API key 401, a key without the route's scope 403, unknown symbols 404, a model that cannot score a symbol 409, oversized bodies
 * 413, a key over its rate limit 429 (with {@code Retry-After}), no model 503, anything unexpected 500 (logged, its details not shown). The scheduler's API answers the same way.
 */
final class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void register(RoutesConfig routes) {
    routes.exception(InvalidRequestException.class,
        (e, ctx) -> answer(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), e.details()));
    routes.exception(UnknownSymbolException.class,
        (e, ctx) -> answer(ctx, HttpStatus.NOT_FOUND, e.getMessage(), Map.of("symbol", e.symbol())));
    routes.exception(FeatureSetMismatchException.class,
        (e, ctx) -> answer(ctx, HttpStatus.CONFLICT, e.getMessage(), Map.of()));
    routes.exception(BodyTooLargeException.class,
        (e, ctx) -> answer(ctx, HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), Map.of()));
    routes.exception(AccessDeniedException.class, (e, ctx) -> {
      switch (e.reason()) {
        case UNAUTHENTICATED -> ctx.header("WWW-Authenticate", "Bearer realm=\"trii-scoring\"");
        case RATE_LIMITED -> ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        case FORBIDDEN -> { }
      }
      answer(ctx, HttpStatus.forStatus(e.reason().status()), e.getMessage(), Map.of());
    });
    routes.exception(NoModelException.class,
        (e, ctx) -> answer(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), Map.of()));
    routes.exception(HttpResponseException.class,
        (e, ctx) -> answer(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), Map.of()));
    routes.exception(Exception.class, (e, ctx) -> {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      answer(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error: see the scoring API's log", Map.of());
    });
  }

  private static void answer(Context ctx, HttpStatus status, String message, Map<String, ?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getMessage());
    body.put("status", status.getCode());
    body.put("detail", message);
    body.put("instance", ctx.path());
    details.forEach((key, value) -> {
      if (!body.containsKey(key)) {
        body.put(key, value);
      }
    });
    ctx.status(status);
    JsonAnswers.write(ctx, body, "application/problem+json");
  }
}
