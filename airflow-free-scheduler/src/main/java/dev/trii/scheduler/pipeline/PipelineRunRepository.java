package dev.trii.scheduler.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pipeline runs and their tasks in {@code pipeline_runs} and {@code task_runs}. Each state change is its own
 * committed statement, so that the console shows progress while a run is going on.
 */
public final class PipelineRunRepository {

  /** Exit descriptions carry stack traces; the head is what a person reads. */
  static final int MAX_DESCRIPTION = 4000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public PipelineRunRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** Records a QUEUED run with its tasks PENDING, in one transaction; returns the run id. */
  public long createQueued(String pipeline, List<String> tasks, TriggerKind trigger, String requestedBy,
      Map<String, String> parameters) {
    return createQueued(pipeline, tasks, trigger, requestedBy, parameters, null).runId();
  }

  /** A run that was created, or found already there for the same idempotency key. */
  public record Queued(long runId, boolean created) {}

  /**
   * Records a QUEUED run with its tasks PENDING, in one transaction; with an idempotency key, a run of the pipeline
   * recorded earlier with the same key is returned instead (a concurrent request with the key waits for the first
   * and gets its run).
   */
  public Queued createQueued(String pipeline, List<String> tasks, TriggerKind trigger, String requestedBy,
      Map<String, String> parameters, String idempotencyKey) {
    return transaction.execute(status -> {
      List<Long> inserted = jdbc.queryForList(
          "insert into pipeline_runs (pipeline, trigger, status, requested_by, parameters, idempotency_key) "
              + "values (?, ?, 'QUEUED', ?, ?::jsonb, ?) "
              + "on conflict (pipeline, idempotency_key) where idempotency_key is not null do nothing "
              + "returning run_id",
          Long.class, pipeline, trigger.name(), requestedBy, JSON.writeValueAsString(parameters), idempotencyKey);
      if (inserted.isEmpty()) {
        return new Queued(jdbc.queryForObject("select run_id from pipeline_runs where pipeline = ? "
            + "and idempotency_key = ?", Long.class, pipeline, idempotencyKey), false);
      }
      long runId = inserted.get(0);
      for (int i = 0; i < tasks.size(); i++) {
        jdbc.update("insert into task_runs (run_id, task, position, status) values (?, ?, ?, 'PENDING')",
            runId, tasks.get(i), i + 1);
      }
      return new Queued(runId, true);
    });
  }

  /**
   * A FAILED run back to QUEUED for a retry by hand: its FAILED and SKIPPED tasks PENDING again (their job
   * executions kept, so that the failed one is restarted), the SUCCEEDED ones left as they are; false when the run is
   * not FAILED.
   */
  public boolean requeueFailed(long runId) {
    Boolean requeued = transaction.execute(status -> {
      if (jdbc.update("update pipeline_runs set status = 'QUEUED', error = null, ended_at = null "
          + "where run_id = ? and status = 'FAILED'", runId) == 0) {
        return false;
      }
      jdbc.update("update task_runs set status = 'PENDING', ended_at = null "
          + "where run_id = ? and status in ('FAILED', 'SKIPPED')", runId);
      return true;
    });
    return Boolean.TRUE.equals(requeued);
  }

  /** QUEUED to RUNNING; false when the run was not QUEUED (already taken or ended). */
  public boolean markRunning(long runId) {
    return jdbc.update("update pipeline_runs set status = 'RUNNING', started_at = now() "
        + "where run_id = ? and status = 'QUEUED'", runId) == 1;
  }

  /** The task's next attempt begins: RUNNING, its attempts counted. */
  public void taskStarted(long runId, String task) {
    jdbc.update("update task_runs set status = 'RUNNING', started_at = coalesce(started_at, now()), "
        + "attempts = attempts + 1 where run_id = ? and task = ?", runId, task);
  }

  /** Records the job execution of the attempt under way (a retry restarts it). */
  public void taskExecution(long runId, String task, long jobExecutionId) {
    jdbc.update("update task_runs set job_execution_id = ? where run_id = ? and task = ?", jobExecutionId, runId,
        task);
  }

  public void taskEnded(long runId, String task, TaskStatus status, Long jobExecutionId, String exitDescription) {
    jdbc.update("update task_runs set status = ?, job_execution_id = ?, exit_description = ?, ended_at = now() "
        + "where run_id = ? and task = ?", status.name(), jobExecutionId, truncate(exitDescription), runId, task);
  }

  /** Marks every task that has not started SKIPPED. */
  public void skipPending(long runId) {
    jdbc.update("update task_runs set status = 'SKIPPED' where run_id = ? and status = 'PENDING'", runId);
  }

  /** Ends the run; a FAILED end also skips the tasks that did not start. */
  public void finish(long runId, RunStatus status, String error) {
    if (!status.isFinal()) {
      throw new IllegalArgumentException("a run ends SUCCEEDED or FAILED, not " + status);
    }
    transaction.executeWithoutResult(tx -> {
      if (status == RunStatus.FAILED) {
        skipPending(runId);
      }
      jdbc.update("update pipeline_runs set status = ?, error = ?, ended_at = now(), "
          + "started_at = coalesce(started_at, now()) where run_id = ?", status.name(), truncate(error), runId);
    });
  }

  public Optional<PipelineRun> find(long runId) {
    List<PipelineRun> runs = runs("where run_id = ?", runId);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  /** The pipeline's latest runs, newest first. */
  public List<PipelineRun> latest(String pipeline, int limit) {
    return runs("where pipeline = ? order by run_id desc limit ?", pipeline, limit);
  }

  private List<PipelineRun> runs(String where, Object... args) {
    /** One pipeline_runs row before its tasks are attached. */
    record Row(long runId, String pipeline, String trigger, String status, String requestedBy, String parameters,
        Instant createdAt, Instant startedAt, Instant endedAt, String error, String idempotencyKey) {}
    List<Row> rows = jdbc.query("select run_id, pipeline, trigger, status, requested_by, parameters::text, "
            + "created_at, started_at, ended_at, error, idempotency_key from pipeline_runs " + where,
        (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11)),
        args);
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<TaskRun>> tasks = new LinkedHashMap<>();
    rows.forEach(row -> tasks.put(row.runId(), new ArrayList<>()));
    jdbc.query("select run_id, task, position, status, job_execution_id, exit_description, started_at, ended_at, "
            + "attempts from task_runs where run_id = any (?) order by run_id, position",
        rs -> {
          tasks.get(rs.getLong(1)).add(new TaskRun(rs.getString(2), rs.getInt(3), TaskStatus.valueOf(rs.getString(4)),
              (Long) rs.getObject(5, Long.class), rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getInt(9)));
        },
        (Object) tasks.keySet().toArray(new Long[0]));
    return rows.stream().map(row -> new PipelineRun(row.runId(), row.pipeline(), TriggerKind.valueOf(row.trigger()),
        RunStatus.valueOf(row.status()), row.requestedBy(), parameters(row.parameters()), row.createdAt(),
        row.startedAt(), row.endedAt(), row.error(), tasks.get(row.runId()), row.idempotencyKey())).toList();
  }

  private static Map<String, String> parameters(String json) {
    return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() {});
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  static String truncate(String text) {
    if (text == null || text.length() <= MAX_DESCRIPTION) {
      return text;
    }
    return text.substring(0, MAX_DESCRIPTION - 15) + "… (truncated)";
  }
}
