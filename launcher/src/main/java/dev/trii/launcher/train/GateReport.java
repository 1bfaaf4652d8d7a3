package dev.trii.launcher.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trii.batch.BatchRunResult;
import dev.trii.core.Platform;
import dev.trii.core.config.TriiException;
import dev.trii.core.registry.GateCheck;
import dev.trii.launcher.JsonFiles;
import dev.trii.training.TrainingOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code trii train} did, held as one JSON document: written as JSON ({@code --summary FILE}), rendered as
 * Markdown next to it (for a pull-request comment) and printed on the console. The JSON keys are documented in
 * {@code training/README.md} (section "trii train").
 */
final class GateReport {

  /** First line of the Markdown, so a CI job can find and replace its earlier comment. */
  static final String MARKDOWN_MARKER = "<!-- trii-training-gate -->";

  private static final int LISTED_QUALITY_FAILURES = 20;

  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final boolean gate;

  GateReport(boolean gate) {
    this.gate = gate;
    root.put("command", gate ? "trii train --gate" : "trii train");
    root.put("gate_applied", gate);
    root.put("result", "error");
    root.put("exit_code", TrainingGateRun.ERROR);
    root.putNull("error");
    root.put("started_at", Instant.now().toString());
  }

  void model(String name) {
    root.putObject("model").put("name", name);
  }

  void database(String url, String schemaVersion, String objectStore, String bucket) {
    root.putObject("database").put("url", url).put("schema_version", schemaVersion);
    root.putObject("object_store").put("endpoint", objectStore).put("bucket", bucket);
  }

  void jobs(BatchRunResult result) {
    ArrayNode jobs = root.putArray("jobs");
    for (BatchRunResult.JobRun run : result.jobs()) {
      ObjectNode job = jobs.addObject()
          .put("name", run.jobName())
          .put("execution_id", run.executionId())
          .put("status", run.status().name())
          .put("exit_code", run.exitCode());
      ArrayNode steps = job.putArray("steps");
      for (BatchRunResult.StepRun step : run.steps()) {
        steps.addObject().put("name", step.stepName()).put("status", step.status().name())
            .put("read", step.readCount()).put("written", step.writeCount())
            .put("filtered", step.filterCount()).put("skipped", step.skipCount());
      }
    }
  }

  void outcome(TrainingOutcome outcome) {
    ObjectNode model = root.putObject("model");
    model.put("name", outcome.modelName())
        .put("version", outcome.version())
        .put("run_id", outcome.runId())
        .put("source", outcome.source())
        .put("sha256", outcome.modelSha256())
        .put("feature_set", outcome.featureSet());
    root.putObject("device").put("name", outcome.device()).put("reason", outcome.deviceReason());
    ObjectNode data = root.putObject("data");
    data.put("from", outcome.dataFrom().toString()).put("to", outcome.dataTo().toString());
    ObjectNode rows = data.putObject("rows");
    outcome.rows().forEach(rows::put);
    ArrayNode excluded = data.putArray("excluded_sessions");
    outcome.excludedSessions().forEach(excluded::add);
    ObjectNode metrics = root.putObject("metrics");
    new TreeMap<>(outcome.metrics()).forEach((name, value) -> number(metrics, name, value));
    ObjectNode key = root.putObject("key_metrics");
    outcome.keyMetrics().forEach((name, value) -> number(key, name, value));

    ObjectNode decision = root.putObject("decision");
    decision.put("passed", outcome.passed())
        .put("promoted", outcome.promoted())
        .put("action", outcome.promoted() ? "promoted"
            : !gate ? "not_promoted_without_gate"
            : outcome.superseded() ? "superseded"
            : "kept_champion")
        .put("summary", outcome.summary())
        .put("gates_source", outcome.gatesSource());
    decision.put("compared_with_champion_version", outcome.decision().championVersion());
    ArrayNode checks = root.putArray("checks");
    for (GateCheck check : outcome.decision().checks()) {
      ObjectNode node = checks.addObject()
          .put("name", check.name())
          .put("verdict", check.passed() ? "PASS" : "FAIL")
          .put("passed", check.passed());
      number(node, "value", check.value());
      number(node, "threshold", check.threshold());
      if (check.confidenceBound() == null) {
        node.putNull("confidence_bound");
      } else {
        number(node, "confidence_bound", check.confidenceBound());
      }
      node.put("detail", check.detail());
    }
    ObjectNode champion = root.putObject("champion");
    champion.put("before", outcome.championBefore());
    champion.put("after", outcome.championAfter());
    champion.put("changed",
        outcome.championAfter() != null && !outcome.championAfter().equals(outcome.championBefore()));
    root.put("train_seconds", outcome.seconds());
  }

  /** The data-quality verdicts of the trading dates the model trained on. */
  void quality(Platform platform, TrainingOutcome outcome) {
    LocalDate from = platform.instruments().tradingDates(outcome.dataFrom().toEpochMilli()).get(0);
    List<LocalDate> last = platform.instruments().tradingDates(outcome.dataTo().toEpochMilli());
    LocalDate to = last.get(last.size() - 1);
    JdbcTemplate jdbc = new JdbcTemplate(platform.database().dataSource());
    ObjectNode quality = root.putObject("quality");
    quality.put("from", from.toString()).put("to", to.toString());
    Map<String, Object> counts = jdbc.queryForMap("select count(*) as checks, count(*) filter (where status <> 'PASS') "
        + "as failed, count(distinct (trading_date, symbol)) as sessions from quality_checks "
        + "where trading_date between ? and ?", from, to);
    quality.put("sessions_checked", ((Number) counts.get("sessions")).longValue());
    quality.put("checks", ((Number) counts.get("checks")).longValue());
    quality.put("failed", ((Number) counts.get("failed")).longValue());
    ArrayNode failures = quality.putArray("failures");
    jdbc.query("select trading_date, symbol, check_name, value, threshold, detail from quality_checks "
        + "where trading_date between ? and ? and status <> 'PASS' order by trading_date, symbol, check_name limit ?",
        rs -> {
          ObjectNode failure = failures.addObject()
              .put("date", rs.getDate(1).toLocalDate().toString())
              .put("symbol", rs.getString(2))
              .put("check", rs.getString(3));
          number(failure, "value", rs.getDouble(4));
          number(failure, "threshold", rs.getDouble(5));
          failure.put("detail", rs.getString(6));
        }, from, to, LISTED_QUALITY_FAILURES);
  }

  void error(String message) {
    root.put("error", message);
  }

  String errorMessage() {
    return root.path("error").asText();
  }

  void finish(int exitCode, double seconds) {
    root.put("exit_code", exitCode);
    root.put("result", switch (exitCode) {
      case TrainingGateRun.PASSED -> gate ? "passed" : "trained";
      case TrainingGateRun.GATE_FAILED -> "superseded".equals(root.path("decision").path("action").asText())
          ? "superseded" : "gate_failed";
      default -> "error";
    });
    root.put("seconds", Math.round(seconds * 10) / 10.0);
  }

  JsonNode json() {
    return root;
  }

  /** Writes the JSON to {@code file} and the Markdown next to it; returns the Markdown's path. */
  Path write(Path file) {
    JsonFiles.write(file, root, "the summary");
    Path markdown = markdownPath(file);
    try {
      Files.writeString(markdown, markdown(), StandardCharsets.UTF_8);
      return markdown;
    } catch (IOException e) {
      throw new TriiException("cannot write the summary to " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code s.json} → {@code s.md}; a name without extension gets {@code .md} appended. */
  static Path markdownPath(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return file.resolveSibling(base + ".md");
  }

  /** The report as Markdown for a pull-request comment. */
  String markdown() {
    StringBuilder md = new StringBuilder(MARKDOWN_MARKER).append('\n');
    JsonNode model = root.path("model");
    String name = model.path("name").asText("?");
    String version = model.has("version") ? " v" + model.path("version").asInt() : "";
    String result = root.path("result").asText();
    JsonNode champion = root.path("champion");
    String title = switch (result) {
      case "passed" -> "✅ Training gate passed: " + name + version + " is the new champion";
      case "superseded" -> "⏭️ Training gate passed, but superseded: " + name + version + " not promoted, champion v"
          + champion.path("after").asText() + " was promoted by another run after the comparison";
      case "gate_failed" -> "❌ Training gate failed: " + name + version + " not promoted, "
          + (champion.path("before").isNull() ? "no champion yet" : "champion v" + champion.path("before").asInt()
          + " stays");
      case "trained" -> "ℹ️ Trained " + name + version + " without --gate: "
          + (root.path("decision").path("passed").asBoolean() ? "the gates would pass" : "the gates would fail")
          + ", nothing promoted";
      default -> "⚠️ Training gate error: nothing promoted";
    };
    md.append("## ").append(title).append("\n\n");
    md.append("`").append(root.path("command").asText()).append("` exited with **")
        .append(root.path("exit_code").asInt()).append("** (").append(result).append(") after ")
        .append(root.path("seconds").asDouble()).append(" s.\n\n");
    if (result.equals("error")) {
      md.append("> ").append(escape(root.path("error").asText())).append("\n\n");
    }
    if (root.has("decision")) {
      md.append("**Decision:** ").append(escape(root.path("decision").path("summary").asText())).append("\n\n");
      md.append("| check | verdict | value | threshold | confidence bound | detail |\n|---|---|---|---|---|---|\n");
      for (JsonNode check : root.path("checks")) {
        md.append("| ").append(escape(check.path("name").asText())).append(" | ")
            .append(check.path("passed").asBoolean() ? "✅ PASS" : "❌ FAIL").append(" | ")
            .append(format(check.path("value"))).append(" | ").append(format(check.path("threshold"))).append(" | ")
            .append(format(check.path("confidence_bound"))).append(" | ")
            .append(escape(check.path("detail").asText())).append(" |\n");
      }
      md.append('\n');
      md.append("| metric | value |\n|---|---|\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("key_metrics").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> metric = it.next();
        md.append("| ").append(metric.getKey()).append(" | ").append(format(metric.getValue())).append(" |\n");
      }
      md.append('\n');
      JsonNode data = root.path("data");
      JsonNode rows = data.path("rows");
      md.append("- **Model:** ").append(name).append(version).append(", run `").append(model.path("run_id").asText())
          .append("`, feature set ").append(model.path("feature_set").asText()).append(", sha256 `")
          .append(model.path("sha256").asText()).append("`\n");
      md.append("- **Champion:** ").append(championText(champion.path("before"))).append(" → ")
          .append(championText(champion.path("after"))).append('\n');
      md.append("- **Data:** ").append(data.path("from").asText()).append(" … ").append(data.path("to").asText())
          .append("; rows train ").append(rows.path("train").asLong()).append(", early stopping ")
          .append(rows.path("early_stopping").asLong()).append(", holdout ").append(rows.path("holdout").asLong());
      int excluded = data.path("excluded_sessions").size();
      md.append(excluded == 0 ? "" : "; " + excluded + " session(s) left out for failed quality checks").append('\n');
      JsonNode quality = root.path("quality");
      md.append("- **Data quality:** ").append(quality.path("checks").asLong()).append(" checks on ")
          .append(quality.path("sessions_checked").asLong()).append(" sessions, ")
          .append(quality.path("failed").asLong()).append(" failed\n");
      md.append("- **Device:** ").append(root.path("device").path("name").asText()).append(" (")
          .append(escape(root.path("device").path("reason").asText())).append(")\n");
      md.append("- **Gates:** ").append(root.path("decision").path("gates_source").asText()).append('\n');
      if (quality.path("failures").size() > 0) {
        md.append("\n<details><summary>Failed quality checks</summary>\n\n")
            .append("| date | symbol | check | value | threshold | detail |\n|---|---|---|---|---|---|\n");
        for (JsonNode failure : quality.path("failures")) {
          md.append("| ").append(failure.path("date").asText()).append(" | ").append(failure.path("symbol").asText())
              .append(" | ").append(failure.path("check").asText()).append(" | ").append(format(failure.path("value")))
              .append(" | ").append(format(failure.path("threshold"))).append(" | ")
              .append(escape(failure.path("detail").asText())).append(" |\n");
        }
        md.append("\n</details>\n");
      }
    }
    if (root.has("jobs")) {
      md.append("\n<details><summary>Batch jobs</summary>\n\n");
      for (JsonNode job : root.path("jobs")) {
        md.append("- `").append(job.path("name").asText()).append("` ").append(job.path("status").asText())
            .append(" (exit ").append(job.path("exit_code").asText()).append(")");
        long read = 0;
        long written = 0;
        for (JsonNode step : job.path("steps")) {
          if (!step.path("name").asText().contains(":")) {
            read += step.path("read").asLong();
            written += step.path("written").asLong();
          }
        }
        md.append(": read ").append(read).append(", written ").append(written).append('\n');
      }
      md.append("\n</details>\n");
    }
    return md.toString();
  }

  /** The console summary. */
  void print(PrintStream out) {
    out.println();
    JsonNode model = root.path("model");
    JsonNode decision = root.path("decision");
    out.printf(Locale.ROOT, "  model      %s v%d (run %s, feature set %s)%n", model.path("name").asText(),
        model.path("version").asInt(), model.path("run_id").asText(), model.path("feature_set").asText());
    JsonNode data = root.path("data");
    JsonNode rows = data.path("rows");
    out.printf(Locale.ROOT,
        "  data       %s .. %s; rows train %,d / early stopping %,d / holdout %,d; %d session(s) left out%n",
        data.path("from").asText(), data.path("to").asText(), rows.path("train").asLong(),
        rows.path("early_stopping").asLong(), rows.path("holdout").asLong(), data.path("excluded_sessions").size());
    out.printf(Locale.ROOT, "  device     %s (%s)%n", root.path("device").path("name").asText(),
        root.path("device").path("reason").asText());
    StringBuilder metrics = new StringBuilder();
    root.path("key_metrics").fields().forEachRemaining(metric ->
        metrics.append(metrics.length() == 0 ? "" : "  ").append(metric.getKey()).append(' ')
            .append(format(metric.getValue())));
    out.println("  metrics    " + metrics);
    out.printf(Locale.ROOT, "  gate       %s: %s%n", decision.path("passed").asBoolean() ? "PASSED" : "FAILED",
        decision.path("summary").asText());
    for (JsonNode check : root.path("checks")) {
      out.printf(Locale.ROOT, "    %s  %s: %s%n", check.path("passed").asBoolean() ? "PASS" : "FAIL",
          check.path("name").asText(), check.path("detail").asText());
    }
    JsonNode champion = root.path("champion");
    out.printf(Locale.ROOT, "  champion   %s -> %s%n", championText(champion.path("before")),
        championText(champion.path("after")));
    String result = switch (root.path("result").asText()) {
      case "passed" -> "gate passed, promoted";
      case "gate_failed" -> "gate failed, champion unchanged";
      case "superseded" -> "gate passed, superseded: another run promoted first";
      default -> "trained and judged; not promoted (run with --gate to let the gates promote)";
    };
    out.printf(Locale.ROOT, "  result     exit %d: %s%n", root.path("exit_code").asInt(), result);
  }

  static String describe(BatchRunResult.JobRun job) {
    StringBuilder text = new StringBuilder(job.jobName()).append(' ').append(job.status());
    if (!job.exitCode().equals(job.status().name())) {
      text.append(" (").append(job.exitCode()).append(')');
    }
    long partitions = job.steps().stream().filter(step -> step.stepName().contains(":")).count();
    long read = 0;
    long written = 0;
    for (BatchRunResult.StepRun step : job.steps()) {
      if (!step.stepName().contains(":")) {
        read += step.readCount();
        written += step.writeCount();
      }
    }
    text.append(": read ").append(read).append(", written ").append(written);
    if (partitions > 0) {
      text.append(" in ").append(partitions).append(" partition(s)");
    }
    return text.toString();
  }

  private static String championText(JsonNode version) {
    return version == null || version.isNull() || version.isMissingNode() ? "none" : "v" + version.asInt();
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }

  private static String format(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "–";
    }
    double number = value.asDouble();
    if (number == Math.rint(number) && Math.abs(number) < 1e12) {
      return String.valueOf((long) number);
    }
    return String.format(Locale.ROOT, "%.4f", number);
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
