package dev.trii.launcher.train;

import dev.trii.core.registry.GateCheck;
import dev.trii.training.TrainingOutcome;
import java.io.PrintStream;
import java.util.Locale;

/** The summary on the console, after the run's progress lines: model, data, device, metrics, every check, result. */
final class GateSummaryConsole {

  private GateSummaryConsole() {}

  static void print(GateSummary summary, PrintStream out) {
    TrainingOutcome outcome = summary.outcome();
    out.println();
    if (outcome != null) {
      out.printf(Locale.ROOT, "  model      %s v%d (run %s, feature set %s)%n", outcome.modelName(),
          outcome.version(), outcome.runId(), outcome.featureSet());
      out.printf(Locale.ROOT,
          "  data       %s .. %s; rows train %,d / early stopping %,d / holdout %,d; %d session(s) left out%n",
          outcome.dataFrom(), outcome.dataTo(), outcome.rows().getOrDefault("train", 0L),
          outcome.rows().getOrDefault("early_stopping", 0L), outcome.rows().getOrDefault("holdout", 0L),
          outcome.excludedSessions().size());
      out.printf(Locale.ROOT, "  device     %s (%s)%n", outcome.device(), outcome.deviceReason());
      StringBuilder metrics = new StringBuilder();
      outcome.keyMetrics().forEach((name, value) -> metrics.append(metrics.length() == 0 ? "" : "  ").append(name)
          .append(' ').append(GateSummaryMarkdown.number(value)));
      out.println("  metrics    " + metrics);
      out.printf(Locale.ROOT, "  gate       %s: %s%n", outcome.passed() ? "PASSED" : "FAILED", outcome.summary());
      for (GateCheck check : outcome.decision().checks()) {
        out.printf(Locale.ROOT, "    %s  %s: %s%n", check.passed() ? "PASS" : "FAIL", check.name(), check.detail());
      }
      out.printf(Locale.ROOT, "  champion   %s -> %s%n", champion(outcome.championBefore()),
          champion(outcome.championAfter()));
    }
    String result = switch (summary.result()) {
      case PASSED -> "gate passed, promoted";
      case GATE_FAILED -> "gate failed, champion unchanged";
      case SUPERSEDED -> "gate passed, superseded: another run promoted first";
      case TRAINED -> "trained and judged; not promoted (run with --gate to let the gates promote)";
      case ERROR -> "error: " + summary.error();
    };
    out.printf(Locale.ROOT, "  result     exit %d: %s%n", summary.exitCode(), result);
  }

  private static String champion(Integer version) {
    return version == null ? "none" : "v" + version;
  }
}
