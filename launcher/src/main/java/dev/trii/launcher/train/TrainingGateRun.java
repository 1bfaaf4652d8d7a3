package dev.trii.launcher.train;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.trii.batch.BatchRunResult;
import dev.trii.batch.BatchRunner;
import dev.trii.batch.train.TrainJobConfiguration;
import dev.trii.core.Platform;
import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import dev.trii.core.config.TriiException;
import dev.trii.launcher.JsonFiles;
import dev.trii.launcher.Progress;
import dev.trii.launcher.local.LocalStack;
import dev.trii.training.TrainingOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;

/**
 * One {@code trii train} run: the local stack up, the daily pipeline's jobs ({@code qualityJob → featuresJob →
 * trainJob}, the same jobs and code the scheduler runs) through {@link BatchRunner}, then the report on the console
 * and, when asked, as JSON and Markdown. Every failure ends as one line {@code trii: ...} on stderr and exit code 2.
 */
final class TrainingGateRun {

  /** Exit code: the gate passed (with --gate: and the candidate is champion); without --gate: trained and judged. */
  static final int PASSED = 0;
  /**
   * Exit code: a gate failed, or the gate passed but another run promoted first (superseded); the champion is not
   * this candidate.
   */
  static final int GATE_FAILED = 1;
  /** Exit code: an error; nothing was promoted. */
  static final int ERROR = 2;

  private static final String BOOT_LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

  private final boolean gate;
  private final Path summary;
  private final String model;
  private final boolean verbose;
  private final PrintStream out;
  private final PrintStream err;

  TrainingGateRun(boolean gate, Path summary, String model, boolean verbose, PrintStream out, PrintStream err) {
    this.gate = gate;
    this.summary = summary;
    this.model = model;
    this.verbose = verbose;
    this.out = out;
    this.err = err;
  }

  int run() {
    GateSummary report = new GateSummary(gate);
    long started = System.nanoTime();
    int exit;
    try {
      exit = trainAndGate(report);
    } catch (Throwable e) {
      exit = ERROR;
      report.error(describe(e));
    }
    report.finish(exit, (System.nanoTime() - started) / 1e9);
    if (exit != ERROR) {
      GateSummaryConsole.print(report, out);
    }
    if (summary != null) {
      try {
        Path markdown = write(report, summary);
        out.println("summary written to " + summary.toAbsolutePath() + " and " + markdown.toAbsolutePath());
      } catch (RuntimeException e) {
        err.println("trii: " + describe(e));
        return ERROR;
      }
    }
    if (exit == ERROR) {
      err.println("trii: " + report.error());
    }
    out.flush();
    return exit;
  }

  /** Writes the JSON to {@code file} and the Markdown next to it; returns the Markdown's path. */
  static Path write(GateSummary report, Path file) {
    JsonFiles.write(file, GateSummaryJson.of(report), "the summary");
    Path markdown = GateSummaryMarkdown.pathNextTo(file);
    try {
      Files.writeString(markdown, GateSummaryMarkdown.of(report), StandardCharsets.UTF_8);
      return markdown;
    } catch (IOException e) {
      throw new TriiException("cannot write the summary to " + markdown + ": " + e.getMessage(), e);
    }
  }

  private int trainAndGate(GateSummary report) {
    TriiConfig config = TriiConfig.load();
    if (model != null) {
      if (model.isBlank()) {
        throw new TriiException("--model needs a model name");
      }
      config = config.with(Settings.MODEL_NAME, model.trim());
    }
    report.model(config.get(Settings.MODEL_NAME));
    out.printf(Locale.ROOT, "trii train%s: model %s%n", gate ? " --gate" : " (promotion off: add --gate to promote)",
        config.get(Settings.MODEL_NAME));
    Progress progress = new Progress(out, 2);
    progress.begin("database and object storage");
    try (LocalStack stack = LocalStack.start(config)) {
      report.where(new GateSummary.Where(stack.database().coordinates().url(), stack.migrations().schemaVersion(),
          stack.storage().endpoint(), stack.storage().bucket()));
      progress.done(stack.database().coordinates().url() + ", schema " + stack.migrations().schemaVersion()
          + "; object store " + stack.storage().endpoint() + (stack.localObjectStore() ? " (local S3Proxy)" : ""));

      progress.begin("qualityJob -> featuresJob -> trainJob");
      BatchRunResult result = runJobs(stack.platform());
      report.jobs(result);
      for (BatchRunResult.JobRun job : result.jobs()) {
        progress.detail(GateSummary.describe(job));
      }
      BatchRunResult.JobRun failed = result.jobs().stream()
          .filter(job -> job.status() != BatchStatus.COMPLETED).findFirst().orElse(null);
      if (failed != null) {
        throw new TriiException(failed.jobName() + " " + failed.status() + ": " + failure(failed));
      }
      TrainingOutcome outcome = result.training()
          .orElseThrow(() -> new TriiException("trainJob completed without a training outcome"));
      report.outcome(outcome);
      report.quality(stack.platform(), outcome);
      progress.done(outcome.modelName() + " v" + outcome.version() + ": gate "
          + (outcome.passed() ? "PASSED" : "FAILED")
          + (outcome.promoted() ? ", promoted to champion"
              : outcome.superseded() ? ", superseded by a run that promoted first"
              : gate ? ", not promoted" : ", promotion off"));
      return !gate || outcome.promoted() ? PASSED : GATE_FAILED;
    }
  }

  /**
   * The pipeline's jobs. Spring Boot is kept from re-initialising logging (the launcher's own setup stays: warnings
   * and errors on stderr), and Spring's own error logs (Boot's start-up failures, Batch's step failures, each with a
   * stack trace) are muted unless verbose: the failure is reported here, in one line.
   */
  private BatchRunResult runJobs(Platform platform) {
    Map<String, Object> properties = Map.of(TrainJobConfiguration.PREFIX + "promote", String.valueOf(gate));
    if (System.getProperty(BOOT_LOGGING_SYSTEM) == null) {
      System.setProperty(BOOT_LOGGING_SYSTEM, "none");
    }
    Logger springLog = (Logger) LoggerFactory.getLogger("org.springframework");
    Level level = springLog.getLevel();
    if (!verbose) {
      springLog.setLevel(Level.OFF);
    }
    try {
      return BatchRunner.run(platform, BatchRunner.PIPELINE, properties);
    } finally {
      springLog.setLevel(level);
    }
  }

  private static String failure(BatchRunResult.JobRun job) {
    if (job.failures().isEmpty()) {
      String description = job.exitDescription();
      return description == null || description.isBlank() ? "exit code " + job.exitCode() : firstLine(description);
    }
    return describe(job.failures().get(0));
  }

  /**
   * One line for a failure: the message of the platform's own exception in the chain (it names the setting or the
   * data at fault), else the innermost cause.
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TriiException) {
        return firstLine(t.getMessage());
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      return root.getClass().getName();
    }
    boolean plain = root instanceof IllegalArgumentException || root instanceof IllegalStateException;
    return firstLine(plain ? message : root.getClass().getSimpleName() + ": " + message);
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip();
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline).strip();
  }
}
