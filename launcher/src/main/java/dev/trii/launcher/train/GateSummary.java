package dev.trii.launcher.train;

import dev.trii.batch.BatchRunResult;
import dev.trii.core.Platform;
import dev.trii.training.TrainingOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one {@code trii train} did, typed, filled in as the run goes: where it ran, the batch jobs, the training
 * outcome (model, data, metrics, every gate check, champion, provenance), the data-quality verdicts of the dates
 * trained on, and how it ended. Rendered as JSON ({@link GateSummaryJson}), Markdown ({@link GateSummaryMarkdown}) and
 * on the console ({@link GateSummaryConsole}).
 */
final class GateSummary {

  /** Database and object store the run used. */
  record Where(String databaseUrl, String schemaVersion, String objectStore, String bucket) {}

  /** One failed quality check of a date trained on. */
  record QualityFailure(LocalDate date, String symbol, String check, double value, double threshold,
      String detail) {}

  /** The quality verdicts of the trading dates trained on; {@code failures} lists the first 20. */
  record Quality(LocalDate from, LocalDate to, long sessionsChecked, long checks, long failed,
      List<QualityFailure> failures) {}

  /** How the run ended. */
  enum Result {
    PASSED("passed"), TRAINED("trained"), GATE_FAILED("gate_failed"), SUPERSEDED("superseded"), ERROR("error");

    private final String key;

    Result(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  private static final int LISTED_QUALITY_FAILURES = 20;

  private final boolean gate;
  private final Instant startedAt = Instant.now();
  private String modelName;
  private Where where;
  private List<BatchRunResult.JobRun> jobs;
  private TrainingOutcome outcome;
  private Quality quality;
  private String error;
  private int exitCode = TrainingGateRun.ERROR;
  private double seconds;

  GateSummary(boolean gate) {
    this.gate = gate;
  }

  void model(String name) {
    this.modelName = name;
  }

  void where(Where value) {
    this.where = value;
  }

  void jobs(BatchRunResult result) {
    this.jobs = List.copyOf(result.jobs());
  }

  void outcome(TrainingOutcome value) {
    this.outcome = value;
    this.modelName = value.modelName();
  }

  /** Reads the data-quality verdicts of the trading dates the model trained on. */
  void quality(Platform platform, TrainingOutcome trained) {
    LocalDate from = platform.instruments().tradingDates(trained.dataFrom().toEpochMilli()).get(0);
    List<LocalDate> last = platform.instruments().tradingDates(trained.dataTo().toEpochMilli());
    LocalDate to = last.get(last.size() - 1);
    JdbcTemplate jdbc = new JdbcTemplate(platform.database().dataSource());
    Map<String, Object> counts = jdbc.queryForMap("select count(*) as checks, count(*) filter (where status <> 'PASS') "
        + "as failed, count(distinct (trading_date, symbol)) as sessions from quality_checks "
        + "where trading_date between ? and ?", from, to);
    List<QualityFailure> failures = new ArrayList<>(jdbc.query("select trading_date, symbol, check_name, value, "
            + "threshold, detail from quality_checks where trading_date between ? and ? and status <> 'PASS' "
            + "order by trading_date, symbol, check_name limit ?",
        (rs, i) -> new QualityFailure(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getDouble(4),
            rs.getDouble(5), rs.getString(6)), from, to, LISTED_QUALITY_FAILURES));
    this.quality = new Quality(from, to, ((Number) counts.get("sessions")).longValue(),
        ((Number) counts.get("checks")).longValue(), ((Number) counts.get("failed")).longValue(),
        List.copyOf(failures));
  }

  void error(String message) {
    this.error = message;
  }

  void finish(int exit, double runSeconds) {
    this.exitCode = exit;
    this.seconds = Math.round(runSeconds * 10) / 10.0;
  }

  boolean gate() {
    return gate;
  }

  String command() {
    return gate ? "trii train --gate" : "trii train";
  }

  Instant startedAt() {
    return startedAt;
  }

  String modelName() {
    return modelName;
  }

  Where where() {
    return where;
  }

  List<BatchRunResult.JobRun> jobs() {
    return jobs;
  }

  /** The training outcome, null when the run ended before it. */
  TrainingOutcome outcome() {
    return outcome;
  }

  Quality quality() {
    return quality;
  }

  String error() {
    return error;
  }

  int exitCode() {
    return exitCode;
  }

  double seconds() {
    return seconds;
  }

  Result result() {
    return switch (exitCode) {
      case TrainingGateRun.PASSED -> gate ? Result.PASSED : Result.TRAINED;
      case TrainingGateRun.GATE_FAILED -> outcome != null && outcome.superseded() ? Result.SUPERSEDED
          : Result.GATE_FAILED;
      default -> Result.ERROR;
    };
  }

  /** {@code promoted}, {@code not_promoted_without_gate}, {@code superseded} or {@code kept_champion}. */
  String action() {
    if (outcome.promoted()) {
      return "promoted";
    }
    if (!gate) {
      return "not_promoted_without_gate";
    }
    return outcome.superseded() ? "superseded" : "kept_champion";
  }

  /** A batch job in one line: status, rows read and written, partitions. */
  static String describe(BatchRunResult.JobRun job) {
    StringBuilder text = new StringBuilder(job.jobName()).append(' ').append(job.status());
    if (!job.exitCode().equals(job.status().name())) {
      text.append(" (").append(job.exitCode()).append(')');
    }
    long partitions = job.steps().stream().filter(step -> step.stepName().contains(":")).count();
    text.append(": read ").append(read(job)).append(", written ").append(written(job));
    if (partitions > 0) {
      text.append(" in ").append(partitions).append(" partition(s)");
    }
    return text.toString();
  }

  /** Rows the job's steps read (partition steps, named {@code step:partition}, are counted by their manager). */
  static long read(BatchRunResult.JobRun job) {
    return job.steps().stream().filter(step -> !step.stepName().contains(":"))
        .mapToLong(BatchRunResult.StepRun::readCount).sum();
  }

  static long written(BatchRunResult.JobRun job) {
    return job.steps().stream().filter(step -> !step.stepName().contains(":"))
        .mapToLong(BatchRunResult.StepRun::writeCount).sum();
  }
}
