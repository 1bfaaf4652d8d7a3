package dev.trii.scoring.metrics;

import dev.trii.core.model.EvaluatorChoice;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The scoring API's Prometheus metrics, in a registry of its own (one per server): requests by endpoint and
 * status with their latency, prediction latency, the served model version, model reloads, and the JVM's own
 * (memory, GC, threads, ...). Without exemplars: nothing here traces requests, so there is no trace id to attach, and
 * the sampler would still run on every observation.
 */
public final class ScoringMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private final Counter requests = Counter.builder()
      .name("trii_scoring_requests_total")
      .help("HTTP requests answered by the scoring API, by endpoint (route) and HTTP status")
      .withoutExemplars()
      .labelNames("endpoint", "status")
      .register(registry);
  private final Histogram requestDuration = Histogram.builder()
      .name("trii_scoring_request_duration_seconds")
      .help("Time from a request's arrival to its answer, by endpoint (route)")
      .withoutExemplars()
      .labelNames("endpoint")
      .classicOnly()
      // up to 10 s: the p95 > 2 s alert (infra/prometheus/rules) must be able to see a slow route
      .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
          10)
      .register(registry);
  private final Histogram predictionDuration = Histogram.builder()
      .name("trii_scoring_prediction_duration_seconds")
      .help("Time to answer a successful prediction, from parsed request to result, by request mode")
      .withoutExemplars()
      .labelNames("mode")
      .classicOnly()
      .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
      .register(registry);
  private final Gauge modelVersion = Gauge.builder()
      .name("trii_scoring_model_version")
      .help("Registry version of the model being served")
      .withoutExemplars()
      .labelNames("model")
      .register(registry);
  private final Gauge modelEvaluator = Gauge.builder()
      .name("trii_scoring_model_evaluator")
      .help("1 for the evaluator scoring the champion: java-trees (proven equal to XGBoost4J at load) or xgboost4j")
      .withoutExemplars()
      .labelNames("evaluator")
      .register(registry);
  private final Counter modelReloads = Counter.builder()
      .name("trii_scoring_model_reloads_total")
      .help("Attempts to load a newly promoted champion model, by outcome")
      .withoutExemplars()
      .labelNames("outcome")
      .register(registry);
  private final Gauge modelLoadError = Gauge.builder()
      .name("trii_scoring_model_load_error")
      .help("1 while the current champion could not be loaded (the previous model keeps serving), else 0")
      .withoutExemplars()
      .register(registry);
  private final Counter predictionLogRows = Counter.builder()
      .name("trii_scoring_prediction_log_rows_total")
      .help("Predictions of sampled requests for the prediction log, by outcome: logged (written), dropped (the "
          + "queue was full), failed (their write failed)")
      .withoutExemplars()
      .labelNames("outcome")
      .register(registry);
  private final Gauge predictionLogBacklog = Gauge.builder()
      .name("trii_scoring_prediction_log_backlog")
      .help("Predictions handed to the prediction log and not yet written (or failed)")
      .withoutExemplars()
      .register(registry);

  private final Counter predictions = Counter.builder()
      .name("trii_scoring_predictions_total")
      .help("Predictions answered (batch rows each count), by model version and by the arm that answered "
          + "(champion, or challenger during a canary)")
      .withoutExemplars()
      .labelNames("model_version", "served_by")
      .register(registry);
  private final Counter modelFailures = Counter.builder()
      .name("trii_scoring_model_failures_total")
      .help("Requests the model failed to answer (it cannot score the input), by arm")
      .withoutExemplars()
      .labelNames("served_by")
      .register(registry);
  private final Gauge canaryShare = Gauge.builder()
      .name("trii_scoring_canary_share_percent")
      .help("Share of the clients a canary challenger answers (0 without a canary)")
      .withoutExemplars()
      .register(registry);
  private final Counter rolloutsEnded = Counter.builder()
      .name("trii_scoring_rollouts_ended_total")
      .help("Rollouts this server ended, by how: promoted or rolled_back")
      .withoutExemplars()
      .labelNames("state")
      .register(registry);
  private final Counter shadowComparisons = Counter.builder()
      .name("trii_scoring_shadow_comparisons_total")
      .help("Shadow challenger scorings compared with the champion's answer, by agreement (same direction or not)")
      .withoutExemplars()
      .labelNames("agreement")
      .register(registry);
  private final Counter shadowProblems = Counter.builder()
      .name("trii_scoring_shadow_skipped_total")
      .help("Shadow scorings not compared: dropped (queue full) or failed")
      .withoutExemplars()
      .labelNames("reason")
      .register(registry);
  private final Histogram shadowDuration = Histogram.builder()
      .name("trii_scoring_shadow_duration_seconds")
      .help("Time the shadow challenger took to score a request (off the request path)")
      .withoutExemplars()
      .classicOnly()
      .classicUpperBounds(0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05)
      .register(registry);

  public ScoringMetrics() {
    canaryShare.set(0);
    shadowComparisons.initLabelValues("agree");
    shadowComparisons.initLabelValues("disagree");
    JvmMetrics.builder().register(registry);
    modelReloads.initLabelValues("success");
    modelReloads.initLabelValues("failure");
    modelLoadError.set(0);
    predictionLogRows.initLabelValues("logged");
    predictionLogRows.initLabelValues("dropped");
    predictionLogRows.initLabelValues("failed");
    predictionLogBacklog.set(0);
  }

  /** Counts one answered request and how long it took (the endpoints are a fixed set, so are the statuses). */
  public void requestAnswered(String endpoint, int status, long nanos) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    requestDuration.labelValues(endpoint).observe(nanos / 1e9);
  }

  public void predictionServed(String mode, long nanos) {
    predictionDuration.labelValues(mode).observe(nanos / 1e9);
  }

  public void modelLoaded(String modelName, int version, String evaluator) {
    modelVersion.labelValues(modelName).set(version);
    for (String name : new String[] {EvaluatorChoice.JAVA_TREES, EvaluatorChoice.XGBOOST4J}) {
      modelEvaluator.labelValues(name).set(name.equals(evaluator) ? 1 : 0);
    }
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

  public void predicted(int modelVersion, String servedBy, int rows) {
    predictions.labelValues(Integer.toString(modelVersion), servedBy).inc(rows);
  }

  public void modelFailed(String servedBy) {
    modelFailures.labelValues(servedBy).inc();
  }

  public void canaryShare(int percent) {
    canaryShare.set(percent);
  }

  public void rolloutEnded(String state) {
    rolloutsEnded.labelValues(state).inc();
  }

  public void shadowCompared(boolean agree, long nanos) {
    shadowComparisons.labelValues(agree ? "agree" : "disagree").inc();
    shadowDuration.observe(nanos / 1e9);
  }

  public void shadowDropped() {
    shadowProblems.labelValues("dropped").inc();
  }

  public void shadowFailed() {
    shadowProblems.labelValues("failed").inc();
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
