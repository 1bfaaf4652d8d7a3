package dev.trii.launcher.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trii.batch.BatchRunResult;
import dev.trii.core.registry.GateCheck;
import dev.trii.training.TrainingOutcome;
import dev.trii.training.provenance.Provenance;
import java.util.TreeMap;

/**
 * The summary as the JSON document {@code trii train --summary FILE} writes; its keys are documented in
 * {@code training/README.md} (section "trii train"). Non-finite numbers are written as null.
 */
final class GateSummaryJson {

  private GateSummaryJson() {}

  static ObjectNode of(GateSummary summary) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("command", summary.command());
    root.put("gate_applied", summary.gate());
    root.put("result", summary.result().key());
    root.put("exit_code", summary.exitCode());
    root.put("error", summary.error());
    root.put("started_at", summary.startedAt().toString());
    ObjectNode model = root.putObject("model").put("name", summary.modelName());
    if (summary.where() != null) {
      root.putObject("database").put("url", summary.where().databaseUrl())
          .put("schema_version", summary.where().schemaVersion());
      root.putObject("object_store").put("endpoint", summary.where().objectStore())
          .put("bucket", summary.where().bucket());
    }
    if (summary.jobs() != null) {
      jobs(root.putArray("jobs"), summary);
    }
    TrainingOutcome outcome = summary.outcome();
    if (outcome != null) {
      outcome(root, model, summary, outcome);
    }
    if (summary.quality() != null) {
      quality(root.putObject("quality"), summary.quality());
    }
    root.put("seconds", summary.seconds());
    return root;
  }

  private static void jobs(ArrayNode jobs, GateSummary summary) {
    for (BatchRunResult.JobRun run : summary.jobs()) {
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

  private static void outcome(ObjectNode root, ObjectNode model, GateSummary summary, TrainingOutcome outcome) {
    model.put("version", outcome.version())
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
        .put("action", summary.action())
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
    Provenance provenance = outcome.provenance();
    ObjectNode recorded = root.putObject("provenance");
    recorded.put("git_commit", provenance.gitCommit());
    recorded.put("source_dirty", provenance.sourceDirty());
    recorded.put("code_sha256", provenance.codeSha256())
        .put("xgboost4j", provenance.xgboost4j())
        .put("jdk", provenance.jdk())
        .put("data_sha256", provenance.dataSha256())
        .put("data_rows", provenance.dataRows())
        .put("feature_set_definition_sha256", provenance.featureSetDefinitionSha256())
        .put("gates_sha256", provenance.gatesSha256());
  }

  private static void quality(ObjectNode node, GateSummary.Quality quality) {
    node.put("from", quality.from().toString()).put("to", quality.to().toString());
    node.put("sessions_checked", quality.sessionsChecked());
    node.put("checks", quality.checks());
    node.put("failed", quality.failed());
    ArrayNode failures = node.putArray("failures");
    for (GateSummary.QualityFailure failure : quality.failures()) {
      ObjectNode item = failures.addObject()
          .put("date", failure.date().toString())
          .put("symbol", failure.symbol())
          .put("check", failure.check());
      number(item, "value", failure.value());
      number(item, "threshold", failure.threshold());
      item.put("detail", failure.detail());
    }
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }
}
