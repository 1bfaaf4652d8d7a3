package dev.trii.scheduler.pipeline;

import dev.trii.scheduler.definition.DataInterval;
import dev.trii.scheduler.definition.PipelineDefinition;
import dev.trii.scheduler.definition.TaskDefinition;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pipeline runs and their tasks in {@code pipeline_runs} and {@code task_runs}: the run queue every scheduler node
 * claims from, and the record the console shows. Each state change is its own committed statement, so that the
 * console shows progress while a run is going on.
 */
public final class PipelineRunRepository {

  /** Exit descriptions carry stack traces; the head is what a person reads. */
  static final int MAX_DESCRIPTION = 4000;
  /** Serializes claims and recoveries across nodes, so that a pipeline's active-run limits hold. */
  private static final long QUEUE_LOCK = 0x7472_6969_0002L;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public PipelineRunRepository(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** Tells every node the queue changed (delivered when the surrounding transaction commits). */
  private void signal() {
    jdbc.queryForList("select pg_notify(?, '')", RunQueueSignal.CHANNEL);
  }

  /** A run that was created, or found already there for the same idempotency key. */
  public record Queued(long runId, boolean created) {}

  /** What a new run is: its pipeline version, why it runs and with what. */
  public record NewRun(PipelineDefinition definition, TriggerKind trigger, String requestedBy,
      Map<String, String> parameters, DataInterval interval, String idempotencyKey) {}

  /**
   * Records a QUEUED run with its tasks PENDING, in one transaction; with an idempotency key, a run of the pipeline
   * recorded earlier with the same key is returned instead (a concurrent insert with the key waits for the first
   * and gets its run).
   */
  public Queued createQueued(NewRun run) {
    return transaction.execute(status -> {
      List<Long> inserted = jdbc.queryForList(
          "insert into pipeline_runs (pipeline, definition_version, trigger, status, requested_by, parameters, "
              + "idempotency_key, priority, data_interval_start, data_interval_end) "
              + "values (?, ?, ?, 'QUEUED', ?, ?::jsonb, ?, ?, ?, ?) "
              + "on conflict (pipeline, idempotency_key) where idempotency_key is not null do nothing "
              + "returning run_id",
          Long.class, run.definition().name(), run.definition().version(), run.trigger().name(), run.requestedBy(),
          JSON.writeValueAsString(run.parameters()), run.idempotencyKey(), run.trigger().priority(),
          timestamp(run.interval() == null ? null : run.interval().start()),
          timestamp(run.interval() == null ? null : run.interval().end()));
      if (inserted.isEmpty()) {
        return new Queued(jdbc.queryForObject("select run_id from pipeline_runs where pipeline = ? "
            + "and idempotency_key = ?", Long.class, run.definition().name(), run.idempotencyKey()), false);
      }
      long runId = inserted.get(0);
      insertTasks(new Long[] {runId}, run.definition());
      signal();
      return new Queued(runId, true);
    });
  }

  /**
   * Queues a backfill: one BACKFILL run per data interval, in two statements whatever the count, and the backfill
   * itself; returns the backfill id.
   */
  public long createBackfill(PipelineDefinition definition, java.time.LocalDate from, java.time.LocalDate to,
      String reprocess, String requestedBy, List<DataInterval> intervals) {
    Long id = transaction.execute(status -> {
      long backfillId = jdbc.queryForObject("insert into backfills (pipeline, from_date, to_date, reprocess, "
              + "requested_by, runs) values (?, ?, ?, ?, ?, ?) returning backfill_id", Long.class, definition.name(),
          java.sql.Date.valueOf(from), java.sql.Date.valueOf(to), reprocess, requestedBy, intervals.size());
      Timestamp[] starts = intervals.stream().map(i -> Timestamp.from(i.start())).toArray(Timestamp[]::new);
      Timestamp[] ends = intervals.stream().map(i -> Timestamp.from(i.end())).toArray(Timestamp[]::new);
      List<Long> runIds = jdbc.queryForList(
          "insert into pipeline_runs (pipeline, definition_version, trigger, status, requested_by, parameters, "
              + "idempotency_key, priority, data_interval_start, data_interval_end, backfill_id) "
              + "select ?, ?, 'BACKFILL', 'QUEUED', ?, '{}'::jsonb, 'backfill:' || ? || ':' || i.ord, ?, i.s, i.e, ? "
              + "from unnest(?::timestamptz[], ?::timestamptz[]) with ordinality as i(s, e, ord) order by i.ord "
              + "returning run_id",
          Long.class, definition.name(), definition.version(), requestedBy, backfillId,
          TriggerKind.BACKFILL.priority(), backfillId, starts, ends);
      insertTasks(runIds.toArray(new Long[0]), definition);
      signal();
      return backfillId;
    });
    return id;
  }

  private void insertTasks(Long[] runIds, PipelineDefinition definition) {
    List<TaskDefinition> tasks = definition.tasks();
    String[] names = tasks.stream().map(TaskDefinition::name).toArray(String[]::new);
    // depends_on as one text per task, split back into an array in SQL (a 2-D array cannot be ragged)
    String[] dependsOn = tasks.stream().map(t -> String.join(",", t.dependsOn())).toArray(String[]::new);
    jdbc.update("insert into task_runs (run_id, task, position, status, depends_on) "
        + "select r.id, t.name, t.pos, 'PENDING', case when t.deps = '' then '{}'::text[] else string_to_array(t.deps, ',') end "
        + "from unnest(?::bigint[]) as r(id) cross join unnest(?::text[], ?::text[]) with ordinality as t(name, deps, pos)",
        runIds, names, dependsOn);
  }

  /** A run this node claimed: QUEUED to RUNNING, owned by the node. */
  public record Claim(long runId, String pipeline, int definitionVersion, Instant queuedAt) {}

  /**
   * Claims the most urgent QUEUED run this node can run (priority, then age) whose pipeline is not paused and has a
   * free slot: scheduled and manual runs count against {@code max_active_runs}, backfill runs against
   * {@code max_active_backfill_runs}, so that a backfill never holds up a fresh run. Claims are serialized across
   * nodes, so limits hold and a run is claimed once.
   *
   * @param runnable whether this node has the jobs of a pipeline version
   */
  public Optional<Claim> claimNext(String node, Predicate<Claim> runnable) {
    return transaction.execute(status -> {
      jdbc.queryForList("select pg_advisory_xact_lock(?)", QUEUE_LOCK);
      Map<String, Integer> active = new LinkedHashMap<>();
      jdbc.query("select pipeline, trigger = 'BACKFILL', count(*) from pipeline_runs where status = 'RUNNING' "
          + "group by 1, 2", rs -> {
            active.put(rs.getString(1) + (rs.getBoolean(2) ? "#backfill" : ""), rs.getInt(3));
          });
      // per pipeline and lane, only the lane's most urgent run (an index lookup each, however long the queue):
      // the limits of the pipeline's current version apply
      List<Claim> candidates = jdbc.query("select c.run_id, c.pipeline, c.definition_version, c.created_at, "
              + "lane.backfill, case when lane.backfill then (d.definition ->> 'max_active_backfill_runs')::int "
              + "else (d.definition ->> 'max_active_runs')::int end "
              + "from pipelines p join pipeline_definitions d on d.pipeline = p.pipeline and d.version = p.version "
              + "cross join (values (false), (true)) as lane(backfill) "
              + "cross join lateral (select r.run_id, r.pipeline, r.definition_version, r.created_at, r.priority "
              + "  from pipeline_runs r where r.pipeline = p.pipeline and r.status = 'QUEUED' "
              + "  and (r.trigger = 'BACKFILL') = lane.backfill order by r.priority desc, r.run_id limit 1) c "
              + "where not p.paused order by c.priority desc, c.run_id",
          (rs, i) -> {
            Claim claim = new Claim(rs.getLong(1), rs.getString(2), rs.getInt(3), instant(rs, 4));
            String lane = claim.pipeline() + (rs.getBoolean(5) ? "#backfill" : "");
            return active.getOrDefault(lane, 0) < rs.getInt(6) ? claim : null;
          });
      for (Claim claim : candidates) {
        if (claim != null && runnable.test(claim)) {
          // clock_timestamp(), not now(): now() is when this transaction began, before it waited for the queue lock,
          // which can be before the end of the run whose slot it takes
          jdbc.update("update pipeline_runs set status = 'RUNNING', claimed_by = ?, claimed_at = clock_timestamp(), "
              + "started_at = coalesce(started_at, clock_timestamp()) where run_id = ?", node, claim.runId());
          return Optional.of(claim);
        }
      }
      return Optional.<Claim>empty();
    });
  }

  /** The node is alive (it is added on its first heartbeat). */
  public void heartbeat(String node) {
    jdbc.update("insert into scheduler_nodes (node_id) values (?) on conflict (node_id) do update "
        + "set heartbeat_at = now()", node);
  }

  /** The node leaves: its runs are recovered by the next reaper at once instead of after the lease. */
  public void removeNode(String node) {
    jdbc.update("delete from scheduler_nodes where node_id = ?", node);
  }

  /** A run taken back from a node that stopped heartbeating. */
  public record Recovered(long runId, String pipeline, String node, boolean failed) {}

  /**
   * Takes back RUNNING runs whose node has not heartbeated within {@code lease} (or is gone): each goes back to
   * QUEUED with its RUNNING tasks PENDING again (a task's job execution is recovered and restarted from its failed
   * step when the run is claimed again), or FAILED once it was recovered {@code maxRecoveries} times. Forgets nodes
   * silent for ten leases.
   */
  public List<Recovered> recoverOrphans(Duration lease, int maxRecoveries) {
    return transaction.execute(status -> {
      jdbc.queryForList("select pg_advisory_xact_lock(?)", QUEUE_LOCK);
      double seconds = lease.toMillis() / 1000.0;
      List<Recovered> orphans = jdbc.query("select r.run_id, r.pipeline, coalesce(r.claimed_by, '?'), "
              + "r.recoveries >= ? from pipeline_runs r where r.status = 'RUNNING' and not exists ("
              + "select 1 from scheduler_nodes n where n.node_id = r.claimed_by "
              + "and n.heartbeat_at > now() - make_interval(secs => ?)) for update of r",
          (rs, i) -> new Recovered(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
          maxRecoveries, seconds);
      for (Recovered orphan : orphans) {
        String why = "node " + orphan.node() + " stopped while running it";
        if (orphan.failed()) {
          jdbc.update("update task_runs set status = 'FAILED', ended_at = now(), exit_description = ? "
              + "where run_id = ? and status = 'RUNNING'", why, orphan.runId());
          jdbc.update("update task_runs set status = 'SKIPPED' where run_id = ? and status = 'PENDING'",
              orphan.runId());
          jdbc.update("update pipeline_runs set status = 'FAILED', ended_at = now(), claimed_by = null, error = ? "
              + "where run_id = ?", why + ", and it was recovered " + maxRecoveries + " times already",
              orphan.runId());
        } else {
          jdbc.update("update task_runs set status = 'PENDING' where run_id = ? and status = 'RUNNING'",
              orphan.runId());
          jdbc.update("update pipeline_runs set status = 'QUEUED', claimed_by = null, recoveries = recoveries + 1 "
              + "where run_id = ?", orphan.runId());
        }
      }
      jdbc.update("delete from scheduler_nodes where heartbeat_at < now() - make_interval(secs => ?)", seconds * 10);
      if (!orphans.isEmpty()) {
        signal();
      }
      return orphans;
    });
  }

  /** Runs waiting for a node, by pipeline and lane ({@code scheduled} or {@code backfill}). */
  public Map<String, Map<String, Integer>> queueDepth() {
    Map<String, Map<String, Integer>> depth = new LinkedHashMap<>();
    jdbc.query("select pipeline, case when trigger = 'BACKFILL' then 'backfill' else 'scheduled' end, count(*) "
        + "from pipeline_runs where status = 'QUEUED' group by 1, 2 order by 1, 2", rs -> {
          depth.computeIfAbsent(rs.getString(1), p -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
        });
    return depth;
  }

  /**
   * A FAILED run back to QUEUED for a retry by hand: its FAILED and SKIPPED tasks PENDING again (their job
   * executions kept, so that the failed one is restarted), the SUCCEEDED ones left as they are; false when the run is
   * not FAILED (or ran before pipelines were versioned, so its definition is unknown).
   */
  public boolean requeueFailed(long runId) {
    Boolean requeued = transaction.execute(status -> {
      if (jdbc.update("update pipeline_runs set status = 'QUEUED', error = null, ended_at = null, claimed_by = null, "
          + "cancel_requested_by = null where run_id = ? and status = 'FAILED' and definition_version is not null",
          runId) == 0) {
        return false;
      }
      jdbc.update("update task_runs set status = 'PENDING', ended_at = null "
          + "where run_id = ? and status in ('FAILED', 'SKIPPED')", runId);
      signal();
      return true;
    });
    return Boolean.TRUE.equals(requeued);
  }

  /** Cancels a QUEUED run: FAILED at once, its tasks SKIPPED; false when it is not QUEUED. */
  public boolean cancelQueued(long runId, String actor) {
    Boolean cancelled = transaction.execute(status -> {
      if (jdbc.update("update pipeline_runs set status = 'FAILED', error = ?, ended_at = now(), "
          + "cancel_requested_by = ? where run_id = ? and status = 'QUEUED'", "cancelled by " + actor, actor,
          runId) == 0) {
        return false;
      }
      jdbc.update("update task_runs set status = 'SKIPPED' where run_id = ? and status = 'PENDING'", runId);
      return true;
    });
    return Boolean.TRUE.equals(cancelled);
  }

  /** Asks a RUNNING run to stop: no task starts or retries any more; false when it is not RUNNING. */
  public boolean requestCancel(long runId, String actor) {
    return jdbc.update("update pipeline_runs set cancel_requested_by = ? where run_id = ? and status = 'RUNNING'",
        actor, runId) == 1;
  }

  /** Who asked to cancel the run, if anyone did. */
  public Optional<String> cancelRequestedBy(long runId) {
    return jdbc.queryForList("select cancel_requested_by from pipeline_runs where run_id = ? "
        + "and cancel_requested_by is not null", String.class, runId).stream().findFirst();
  }

  /** The Spring Batch job executions of the run that are running now. */
  public List<Long> runningJobExecutions(long runId) {
    return jdbc.queryForList("select e.job_execution_id from batch_job_execution e "
        + "join batch_job_execution_params p using (job_execution_id) where p.parameter_name = 'pipelineRunId' "
        + "and p.parameter_value = ? and e.status in ('STARTING', 'STARTED')", Long.class, Long.toString(runId));
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
    jdbc.update("update task_runs set status = ?, job_execution_id = coalesce(?, job_execution_id), "
        + "exit_description = ?, ended_at = now() where run_id = ? and task = ?", status.name(), jobExecutionId,
        truncate(exitDescription), runId, task);
  }

  /**
   * Whether {@code node} still holds the run: RUNNING and claimed by it. A node that stalled past its lease finds out
   * here that another node took the run over, and stops starting its tasks.
   */
  public boolean holds(long runId, String node) {
    return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from pipeline_runs where run_id = ? "
        + "and status = 'RUNNING' and claimed_by = ?)", Boolean.class, runId, node));
  }

  /**
   * Ends the run, if {@code node} still holds it; a FAILED end also skips the tasks that did not start.
   *
   * @return false when another node took the run over (nothing was changed)
   */
  public boolean finish(long runId, RunStatus status, String error, String node) {
    if (!status.isFinal()) {
      throw new IllegalArgumentException("a run ends SUCCEEDED or FAILED, not " + status);
    }
    Boolean finished = transaction.execute(tx -> {
      if (jdbc.update("update pipeline_runs set status = ?, error = ?, ended_at = now(), claimed_by = null, "
          + "started_at = coalesce(started_at, now()) where run_id = ? and status = 'RUNNING' and claimed_by = ?",
          status.name(), truncate(error), runId, node) == 0) {
        return false;
      }
      if (status == RunStatus.FAILED) {
        jdbc.update("update task_runs set status = 'SKIPPED' where run_id = ? and status = 'PENDING'", runId);
      }
      signal(); // a slot is free
      return true;
    });
    return Boolean.TRUE.equals(finished);
  }

  public Optional<PipelineRun> find(long runId) {
    List<PipelineRun> runs = runs("where run_id = ?", runId);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  /** The pipeline's latest runs, newest first. */
  public List<PipelineRun> latest(String pipeline, int limit) {
    return runs("where pipeline = ? order by run_id desc limit ?", pipeline, limit);
  }

  /** The runs of a backfill, oldest interval first. */
  public List<PipelineRun> ofBackfill(long backfillId) {
    return runs("where backfill_id = ? order by data_interval_end, run_id", backfillId);
  }

  /**
   * The status of the latest run for each data interval end among {@code ends}: what a backfill needs to decide
   * which intervals to run again.
   */
  public Map<Instant, RunStatus> latestStatusByIntervalEnd(String pipeline, List<Instant> ends) {
    Map<Instant, RunStatus> statuses = new LinkedHashMap<>();
    jdbc.query("select distinct on (data_interval_end) data_interval_end, status from pipeline_runs "
            + "where pipeline = ? and data_interval_end = any (?) order by data_interval_end, run_id desc",
        rs -> {
          statuses.put(instant(rs, 1), RunStatus.valueOf(rs.getString(2)));
        }, pipeline, ends.stream().map(Timestamp::from).toArray(Timestamp[]::new));
    return statuses;
  }

  private List<PipelineRun> runs(String where, Object... args) {
    /** One pipeline_runs row before its tasks are attached. */
    record Row(long runId, String pipeline, int version, String trigger, String status, String requestedBy,
        String parameters, DataInterval interval, int priority, Long backfillId, Instant createdAt,
        Instant startedAt, Instant endedAt, String error, String idempotencyKey, String claimedBy, int recoveries) {}
    List<Row> rows = jdbc.query("select run_id, pipeline, coalesce(definition_version, 0), trigger, status, "
            + "requested_by, parameters::text, data_interval_start, data_interval_end, priority, backfill_id, "
            + "created_at, started_at, ended_at, error, idempotency_key, claimed_by, recoveries from pipeline_runs "
            + where,
        (rs, i) -> {
          Instant start = instant(rs, 8);
          Instant end = instant(rs, 9);
          return new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7), start == null || end == null ? null : new DataInterval(start, end),
              rs.getInt(10), (Long) rs.getObject(11, Long.class), instant(rs, 12), instant(rs, 13), instant(rs, 14),
              rs.getString(15), rs.getString(16), rs.getString(17), rs.getInt(18));
        },
        args);
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<TaskRun>> tasks = new LinkedHashMap<>();
    rows.forEach(row -> tasks.put(row.runId(), new ArrayList<>()));
    jdbc.query("select run_id, task, position, depends_on, status, job_execution_id, exit_description, started_at, "
            + "ended_at, attempts from task_runs where run_id = any (?) order by run_id, position",
        rs -> {
          tasks.get(rs.getLong(1)).add(new TaskRun(rs.getString(2), rs.getInt(3), strings(rs.getArray(4)),
              TaskStatus.valueOf(rs.getString(5)), (Long) rs.getObject(6, Long.class), rs.getString(7),
              instant(rs, 8), instant(rs, 9), rs.getInt(10)));
        },
        (Object) tasks.keySet().toArray(new Long[0]));
    return rows.stream().map(row -> new PipelineRun(row.runId(), row.pipeline(), row.version(),
        TriggerKind.valueOf(row.trigger()), RunStatus.valueOf(row.status()), row.requestedBy(),
        parameters(row.parameters()), row.interval(), row.priority(), row.backfillId(), row.createdAt(),
        row.startedAt(), row.endedAt(), row.error(), tasks.get(row.runId()), row.idempotencyKey(), row.claimedBy(),
        row.recoveries())).toList();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Map<String, String> parameters(String json) {
    return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() {});
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
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
