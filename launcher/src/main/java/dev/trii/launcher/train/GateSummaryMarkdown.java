package dev.trii.launcher.train;

import dev.trii.batch.BatchRunResult;
import dev.trii.core.registry.GateCheck;
import dev.trii.training.TrainingOutcome;
import dev.trii.training.provenance.Provenance;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The summary as Markdown for a pull-request comment, written next to the JSON ({@code gate.json} → {@code gate.md}):
 * a title, the decision, every check with its value, bound and confidence bound, the key metrics, and the model,
 * champion, data, quality, device, gates and reproduce lines, with failed quality checks and batch jobs folded away.
 */
final class GateSummaryMarkdown {

  /** First line of the Markdown, so a CI job can find and replace its earlier comment. */
  static final String MARKER = "<!-- trii-training-gate -->";

  private GateSummaryMarkdown() {}

  /** {@code s.json} → {@code s.md}; a name without extension gets {@code .md} appended. */
  static Path pathNextTo(Path json) {
    String name = json.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return json.resolveSibling(base + ".md");
  }

  static String of(GateSummary summary) {
    StringBuilder md = new StringBuilder(MARKER).append('\n');
    TrainingOutcome outcome = summary.outcome();
    String name = summary.modelName() == null ? "?" : summary.modelName();
    String version = outcome == null ? "" : " v" + outcome.version();
    GateSummary.Result result = summary.result();
    String title = switch (result) {
      case PASSED -> "✅ Training gate passed: " + name + version + " is the new champion";
      case GATE_FAILED -> "❌ Training gate failed: " + name + version + " not promoted, "
          + (outcome.championBefore() == null ? "no champion yet" : "champion v" + outcome.championBefore()
              + " stays");
      case SUPERSEDED -> "⏭️ Training gate passed, but superseded: " + name + version + " not promoted, champion "
          + champion(outcome.championAfter()) + " was promoted by another run after the comparison";
      case TRAINED -> "ℹ️ Trained " + name + version + " without --gate: "
          + (outcome.passed() ? "the gates would pass" : "the gates would fail") + ", nothing promoted";
      case ERROR -> "⚠️ Training gate error: nothing promoted";
    };
    md.append("## ").append(title).append("\n\n");
    md.append('`').append(summary.command()).append("` exited with **").append(summary.exitCode()).append("** (")
        .append(result.key()).append(") after ").append(summary.seconds()).append(" s.\n\n");
    if (result == GateSummary.Result.ERROR) {
      md.append("> ").append(escape(summary.error())).append("\n\n");
    }
    if (outcome != null) {
      decision(md, summary, outcome, name, version);
    }
    if (summary.jobs() != null) {
      md.append("\n<details><summary>Batch jobs</summary>\n\n");
      for (BatchRunResult.JobRun job : summary.jobs()) {
        md.append("- `").append(job.jobName()).append("` ").append(job.status()).append(" (exit ")
            .append(job.exitCode()).append("): read ").append(GateSummary.read(job)).append(", written ")
            .append(GateSummary.written(job)).append('\n');
      }
      md.append("\n</details>\n");
    }
    return md.toString();
  }

  private static void decision(StringBuilder md, GateSummary summary, TrainingOutcome outcome, String name,
      String version) {
    md.append("**Decision:** ").append(escape(outcome.summary())).append("\n\n");
    md.append("| check | verdict | value | threshold | confidence bound | detail |\n|---|---|---|---|---|---|\n");
    for (GateCheck check : outcome.decision().checks()) {
      md.append("| ").append(escape(check.name())).append(" | ").append(check.passed() ? "✅ PASS" : "❌ FAIL")
          .append(" | ").append(number(check.value())).append(" | ").append(number(check.threshold()))
          .append(" | ").append(check.confidenceBound() == null ? "–" : number(check.confidenceBound()))
          .append(" | ").append(escape(check.detail())).append(" |\n");
    }
    md.append("\n| metric | value |\n|---|---|\n");
    outcome.keyMetrics().forEach((metric, value) -> md.append("| ").append(metric).append(" | ").append(number(value))
        .append(" |\n"));
    md.append('\n');
    md.append("- **Model:** ").append(name).append(version).append(", run `").append(outcome.runId())
        .append("`, feature set ").append(outcome.featureSet()).append(", sha256 `").append(outcome.modelSha256())
        .append("`\n");
    md.append("- **Champion:** ").append(champion(outcome.championBefore())).append(" → ")
        .append(champion(outcome.championAfter())).append('\n');
    md.append("- **Data:** ").append(outcome.dataFrom()).append(" … ").append(outcome.dataTo())
        .append("; rows train ").append(outcome.rows().getOrDefault("train", 0L)).append(", early stopping ")
        .append(outcome.rows().getOrDefault("early_stopping", 0L)).append(", holdout ")
        .append(outcome.rows().getOrDefault("holdout", 0L));
    int excluded = outcome.excludedSessions().size();
    md.append(excluded == 0 ? "" : "; " + excluded + " session(s) left out for failed quality checks").append('\n');
    GateSummary.Quality quality = summary.quality();
    if (quality != null) {
      md.append("- **Data quality:** ").append(quality.checks()).append(" checks on ").append(quality.sessionsChecked())
          .append(" sessions, ").append(quality.failed()).append(" failed\n");
    }
    md.append("- **Device:** ").append(outcome.device()).append(" (").append(escape(outcome.deviceReason()))
        .append(")\n");
    Provenance provenance = outcome.provenance();
    md.append("- **Gates:** ").append(outcome.gatesSource()).append(" (sha256 `").append(provenance.gatesSha256())
        .append("`)\n");
    md.append("- **Reproduce:** `trii models reproduce ").append(name).append(' ').append(outcome.version())
        .append("` (commit `").append(provenance.gitCommit())
        .append(Boolean.TRUE.equals(provenance.sourceDirty()) ? " + uncommitted changes" : "").append("`, ")
        .append(provenance.xgboost4j()).append(", ").append(provenance.jdk()).append("; data sha256 `")
        .append(provenance.dataSha256()).append("`)\n");
    if (quality != null && !quality.failures().isEmpty()) {
      md.append("\n<details><summary>Failed quality checks</summary>\n\n")
          .append("| date | symbol | check | value | threshold | detail |\n|---|---|---|---|---|---|\n");
      for (GateSummary.QualityFailure failure : quality.failures()) {
        md.append("| ").append(failure.date()).append(" | ").append(failure.symbol()).append(" | ")
            .append(failure.check()).append(" | ").append(number(failure.value())).append(" | ")
            .append(number(failure.threshold())).append(" | ").append(escape(failure.detail())).append(" |\n");
      }
      md.append("\n</details>\n");
    }
  }

  private static String champion(Integer version) {
    return version == null ? "none" : "v" + version;
  }

  /** A whole number without decimals, else four decimals; non-finite as a dash. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "–";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e12) {
      return String.valueOf((long) value);
    }
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
