package dev.trii.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trii.core.Platform;
import dev.trii.core.accuracy.LiveAccuracy;
import dev.trii.core.db.Migrations;
import dev.trii.core.registry.GateCheck;
import dev.trii.core.registry.ModelVersion;
import dev.trii.core.registry.PromotionDecision;
import dev.trii.core.reports.StoredReport;
import dev.trii.ingestion.IngestionResult;
import dev.trii.launcher.JsonFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the demo did, as a readable summary and as JSON ({@code --summary-json}). */
public final class DemoSummary {

  private final ObjectNode root = JsonNodeFactory.instance.objectNode();

  void database(String url, boolean embedded, Migrations.Result migrations) {
    root.putObject("database")
        .put("url", url)
        .put("embedded", embedded)
        .put("schema_version", migrations.schemaVersion())
        .put("timescaledb", migrations.timescale());
  }

  void objectStore(String endpoint, String bucket, boolean local) {
    root.putObject("object_store").put("endpoint", endpoint).put("bucket", bucket).put("local_s3proxy", local);
  }

  void ingestion(IngestionResult result) {
    root.put("quotes_read", result.read());
    root.put("quotes_ingested", result.valid());
    root.put("quotes_rejected", result.rejectedTotal());
    ObjectNode reasons = root.putObject("rejects_by_reason");
    new TreeMap<>(result.rejected()).forEach((reason, count) -> reasons.put(reason.name(), count));
    root.put("bars", result.bars());
    root.put("ingest_seconds", result.took().toMillis() / 1000.0);
  }

  void pipeline(JsonNode run) {
    root.set("pipeline", run);
  }

  /** Row counts of the platform's tables after the pipeline: the database as a whole, across runs. */
  void tables(Platform platform) {
    JdbcTemplate jdbc = new JdbcTemplate(platform.database().dataSource());
    root.put("feature_set", platform.featureSet().version());
    root.put("feature_rows", count(jdbc, "feature_rows where feature_set = '" + platform.featureSet().version() + "'"));
    ObjectNode tables = root.putObject("tables");
    for (String table : new String[] {"quotes", "quote_rejects", "bars_1m", "quality_checks", "feature_rows",
        "registry_model_versions", "promotion_decisions", "pipeline_runs"}) {
      tables.put(table, count(jdbc, table));
    }
  }

  private static long count(JdbcTemplate jdbc, String tableAndWhere) {
    Long count = jdbc.queryForObject("select count(*) from " + tableAndWhere, Long.class);
    return count == null ? 0 : count;
  }

  void model(ModelVersion version, Map<String, Double> metrics, PromotionDecision decision, Integer champion) {
    ObjectNode model = root.putObject("model");
    model.put("name", version.name()).put("version", version.version()).put("run_id", version.runId())
        .put("source", version.source());
    ObjectNode metricNode = model.putObject("metrics");
    new TreeMap<>(metrics).forEach(metricNode::put);
    ObjectNode gate = root.putObject("gate");
    gate.put("passed", decision.passed());
    gate.put("promoted", decision.promoted());
    gate.put("summary", decision.summary());
    gate.put("compared_with_champion_version", decision.championVersion());
    ArrayNode checks = gate.putArray("checks");
    for (GateCheck check : decision.checks()) {
      checks.addObject().put("name", check.name()).put("value", check.value()).put("threshold", check.threshold())
          .put("confidence_bound", check.confidenceBound()).put("passed", check.passed()).put("detail", check.detail());
    }
    root.put("champion_version", champion);
  }

  void prediction(JsonNode answer) {
    ObjectNode prediction = root.putObject("prediction");
    prediction.put("model_version", answer.path("model_version").asInt());
    prediction.put("probability", answer.path("probability_up").asDouble());
    prediction.set("response", answer);
  }

  /**
   * The live trading day and the champion's live accuracy after it: over every prediction by symbol it served and the
   * live-accuracy job labelled (this demo's, and earlier ones' on the same database).
   */
  void live(LiveTradingDay.Result day, LiveAccuracy.Tally champion, String job) {
    ObjectNode live = root.putObject("live");
    live.put("trading_day", day.day().toString());
    live.put("quotes_read", day.ingestion().read());
    live.put("quotes_ingested", day.ingestion().valid());
    live.put("quotes_rejected", day.ingestion().rejectedTotal());
    ObjectNode reasons = live.putObject("rejects_by_reason");
    new TreeMap<>(day.ingestion().rejected()).forEach((reason, count) -> reasons.put(reason.name(), count));
    live.put("bars", day.ingestion().bars());
    live.put("predictions_asked", day.asked());
    live.put("bars_predicted", day.barsPredicted());
    live.put("job", job);
    ObjectNode accuracy = live.putObject("champion");
    accuracy.put("model_version", champion.modelVersion());
    accuracy.put("predictions", champion.predictions());
    accuracy.put("labelled", champion.labelled());
    accuracy.put("hits", champion.hits());
    if (champion.hitRate() == null) {
      accuracy.putNull("hit_rate");
    } else {
      accuracy.put("hit_rate", champion.hitRate());
    }
    accuracy.put("unlabellable", champion.unlabellable());
    accuracy.put("pending", champion.pending());
  }

  /** The live day's report: each file's object-storage URI and size, and where the console lists it. */
  void report(LocalDate day, List<StoredReport> files, List<String> uris, String consoleUrl, String job) {
    ObjectNode report = root.putObject("report");
    report.put("trading_day", day.toString());
    report.put("job", job);
    report.put("console", consoleUrl);
    ArrayNode stored = report.putArray("files");
    for (int i = 0; i < files.size(); i++) {
      stored.addObject().put("format", files.get(i).format().extension()).put("uri", uris.get(i))
          .put("size_bytes", files.get(i).sizeBytes()).put("sha256", files.get(i).sha256());
    }
  }

  void services(String schedulerUrl, String scoringUrl, String consolePassword) {
    root.putObject("services").put("scheduler", schedulerUrl).put("scoring_api", scoringUrl)
        .put("console_user", "admin").put("console_password", consolePassword);
  }

  void writeJson(Path file) {
    JsonFiles.write(file, root, "the summary");
  }

  void print(PrintStream out) {
    out.println();
    out.println("Summary");
    out.printf(Locale.ROOT, "  ingested     %,d quotes valid, %,d rejected %s, %,d one-minute bars%n",
        root.path("quotes_ingested").asLong(), root.path("quotes_rejected").asLong(),
        root.path("rejects_by_reason"), root.path("bars").asLong());
    out.printf(Locale.ROOT, "  features     %,d rows (feature set %s)%n", root.path("feature_rows").asLong(),
        root.path("feature_set").asText());
    JsonNode model = root.path("model");
    JsonNode metrics = model.path("metrics");
    out.printf(Locale.ROOT, "  trained      %s v%d: accuracy train %.3f / holdout %.3f (majority baseline %.3f), "
            + "holdout ROC-AUC %.3f%n", model.path("name").asText(), model.path("version").asInt(),
        metrics.path("train_accuracy").asDouble(), metrics.path("holdout_accuracy").asDouble(),
        metrics.path("holdout_baseline_accuracy").asDouble(), metrics.path("holdout_roc_auc").asDouble());
    JsonNode gate = root.path("gate");
    out.printf(Locale.ROOT, "  gate         %s: %s%n", gate.path("passed").asBoolean() ? "PASSED" : "FAILED",
        gate.path("summary").asText());
    for (JsonNode check : gate.path("checks")) {
      out.printf(Locale.ROOT, "                 %s %s (%s)%n", check.path("passed").asBoolean() ? "✓" : "✗",
          check.path("name").asText(), check.path("detail").asText());
    }
    out.printf(Locale.ROOT, "  champion     v%s%n", root.path("champion_version").asText());
    JsonNode prediction = root.path("prediction");
    out.printf(Locale.ROOT, "  prediction   %s: P(up) = %.3f from model v%d%n",
        prediction.path("response").path("symbol").asText(), prediction.path("probability").asDouble(),
        prediction.path("model_version").asInt());
    JsonNode live = root.path("live");
    out.printf(Locale.ROOT, "  live day     %s: %,d quotes valid, %,d bars; %,d predictions by symbol asked while it "
            + "was ingested, about %,d bars%n", live.path("trading_day").asText(),
        live.path("quotes_ingested").asLong(), live.path("bars").asLong(), live.path("predictions_asked").asLong(),
        live.path("bars_predicted").asLong());
    JsonNode champion = live.path("champion");
    out.printf(Locale.ROOT, "  live         champion v%d: hit rate %s (%,d hits of %,d labelled predictions; %,d "
            + "unlabellable: no move beyond the dead zone, or the session ended first; %,d pending) against %.3f on "
            + "the holdout%n",
        champion.path("model_version").asInt(), champion.path("hit_rate").isNull() ? "none yet"
            : String.format(Locale.ROOT, "%.3f", champion.path("hit_rate").asDouble()),
        champion.path("hits").asLong(), champion.path("labelled").asLong(), champion.path("unlabellable").asLong(),
        champion.path("pending").asLong(), metrics.path("holdout_accuracy").asDouble());
    JsonNode report = root.path("report");
    out.printf(Locale.ROOT, "  report       %s, listed by ./trii reports list and at %s%n",
        report.path("trading_day").asText(), report.path("console").asText());
    for (JsonNode file : report.path("files")) {
      out.printf(Locale.ROOT, "                 %s (%,d bytes)%n", file.path("uri").asText(),
          file.path("size_bytes").asLong());
    }
    out.flush();
  }
}
