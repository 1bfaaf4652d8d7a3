package dev.trii.scoring.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The scoring API's Prometheus metrics, in a registry of its own (one per server): requests by endpoint and
 * outcome, prediction latency, the served model version and model reloads.
 */
public final class ScoringMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private final Counter requests = Counter.builder()
      .name("trii_scoring_requests_total")
      .help("HTTP requests answered by the scoring API, by endpoint and outcome")
      .labelNames("endpoint", "outcome")
      .register(registry);
  private final Histogram predictionDuration = Histogram.builder()
      .name("trii_scoring_prediction_duration_seconds")
      .help("Time to answer a successful prediction, from parsed request to result, by request mode")
      .labelNames("mode")
      .classicOnly()
      .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
      .register(registry);
  private final Gauge modelVersion = Gauge.builder()
      .name("trii_scoring_model_version")
      .help("Registry version of the model being served")
      .labelNames("model")
      .register(registry);
  private final Counter modelReloads = Counter.builder()
      .name("trii_scoring_model_reloads_total")
      .help("Attempts to load a newly promoted champion model, by outcome")
      .labelNames("outcome")
      .register(registry);
  private final Gauge modelLoadError = Gauge.builder()
      .name("trii_scoring_model_load_error")
      .help("1 while the current champion could not be loaded (the previous model keeps serving), else 0")
      .register(registry);
  private final Counter predictionLogRows = Counter.builder()
      .name("trii_scoring_prediction_log_rows_total")
      .help("Predictions of sampled requests for the prediction log, by outcome: logged (written), dropped (the "
          + "queue was full), failed (their write failed)")
      .labelNames("outcome")
      .register(registry);
  private final Gauge predictionLogBacklog = Gauge.builder()
      .name("trii_scoring_prediction_log_backlog")
      .help("Predictions handed to the prediction log and not yet written (or failed)")
      .register(registry);

  public ScoringMetrics() {
    modelReloads.initLabelValues("success");
    modelReloads.initLabelValues("failure");
    modelLoadError.set(0);
    predictionLogRows.initLabelValues("logged");
    predictionLogRows.initLabelValues("dropped");
    predictionLogRows.initLabelValues("failed");
    predictionLogBacklog.set(0);
  }

  /** Counts one answered request; the outcome names the kind of answer (success, invalid, not_found, ...). */
  public void requestAnswered(String endpoint, String outcome) {
    requests.labelValues(endpoint, outcome).inc();
  }

  public void predictionServed(String mode, long nanos) {
    predictionDuration.labelValues(mode).observe(nanos / 1e9);
  }

  public void modelLoaded(String modelName, int version) {
    modelVersion.labelValues(modelName).set(version);
    modelReloads.labelValues("success").inc();
  }

  public void modelReloadFailed() {
    modelReloads.labelValues("failure").inc();
  }

  public void modelLoadError(boolean failing) {
    modelLoadError.set(failing ? 1 : 0);
  }

  /** A prediction was handed to the prediction log's queue. */
  public void predictionLogQueued() {
    predictionLogBacklog.inc();
  }

  /** A prediction for the log found its queue full (or the log closed) and was dropped. */
  public void predictionLogDropped() {
    predictionLogRows.labelValues("dropped").inc();
  }

  public void predictionsLogged(int rows) {
    predictionLogRows.labelValues("logged").inc(rows);
    predictionLogBacklog.dec(rows);
  }

  public void predictionLogWriteFailed(int rows) {
    predictionLogRows.labelValues("failed").inc(rows);
    predictionLogBacklog.dec(rows);
  }

  /** Content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every metric in the Prometheus text format. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
