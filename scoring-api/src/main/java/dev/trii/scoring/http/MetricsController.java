package dev.trii.scoring.http;

import dev.trii.scoring.metrics.ScoringMetrics;
import io.javalin.http.Context;

/** {@code GET /metrics}: the service's metrics in the Prometheus text format. */
final class MetricsController {

  private final ScoringMetrics metrics;

  MetricsController(ScoringMetrics metrics) {
    this.metrics = metrics;
  }

  void scrape(Context ctx) {
    ctx.contentType(metrics.contentType()).result(metrics.scrape());
  }
}
