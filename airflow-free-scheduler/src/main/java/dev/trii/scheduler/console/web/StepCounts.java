package dev.trii.scheduler.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** What each step of a task's Spring Batch job execution did, from the batch tables, for the run page. */
final class StepCounts {

  /** One step execution: its counts and how it ended. */
  record Step(long jobExecutionId, String step, String status, long read, long written, long filtered,
      long skipped, long commits, long rollbacks, String exitMessage) {}

  private final JdbcTemplate jdbc;

  StepCounts(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The steps of every execution of the given job instances' executions, by job execution id. */
  Map<Long, List<Step>> of(List<Long> jobExecutionIds) {
    Map<Long, List<Step>> steps = new LinkedHashMap<>();
    if (jobExecutionIds.isEmpty()) {
      return steps;
    }
    jdbc.query("select job_execution_id, step_name, status, read_count, write_count, filter_count, "
            + "read_skip_count + process_skip_count + write_skip_count, commit_count, rollback_count, "
            + "left(exit_message, 2000) from batch_step_execution where job_execution_id = any (?) "
            + "order by job_execution_id, step_execution_id",
        rs -> {
          Step step = new Step(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
              rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10));
          steps.computeIfAbsent(step.jobExecutionId(), id -> new java.util.ArrayList<>()).add(step);
        }, (Object) jobExecutionIds.toArray(new Long[0]));
    return steps;
  }
}
