package dev.trii.batch.accuracy;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes decided outcomes into their {@code prediction_log} rows, each only while it is still pending (a concurrent
 * run's decision stands), in the chunk's transaction, and counts what it wrote per kind of outcome in the step's
 * execution context ({@link #key}).
 */
public class OutcomesWriter implements ItemWriter<List<Outcome>>, StepExecutionListener {

  private static final String DECIDE = """
      update prediction_log set realized_label = ?, forward_return = ?, outcome = ?, labelled_at = now()
      where log_id = ? and logged_at = ? and labelled_at is null
      """;

  private final JdbcTemplate jdbc;
  private StepExecution stepExecution;

  public OutcomesWriter(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The execution-context key counting the outcomes of one kind written by the step, e.g. {@code outcomes.HIT}. */
  public static String key(Outcome.Kind kind) {
    return "outcomes." + kind.name();
  }

  @Override
  public void beforeStep(StepExecution execution) {
    this.stepExecution = execution;
  }

  @Override
  public void write(Chunk<? extends List<Outcome>> sessions) {
    List<Outcome> outcomes = new ArrayList<>();
    sessions.forEach(outcomes::addAll);
    int[][] updated = jdbc.batchUpdate(DECIDE, outcomes, outcomes.size(), (ps, outcome) -> {
      if (outcome.realizedLabel() == null) {
        ps.setNull(1, Types.SMALLINT);
      } else {
        ps.setInt(1, outcome.realizedLabel());
      }
      if (Double.isNaN(outcome.forwardReturn())) {
        ps.setNull(2, Types.DOUBLE);
      } else {
        ps.setDouble(2, outcome.forwardReturn());
      }
      ps.setString(3, outcome.kind().name());
      ps.setLong(4, outcome.logId());
      ps.setTimestamp(5, Timestamp.from(outcome.loggedAt()));
    });
    Map<Outcome.Kind, Long> written = new EnumMap<>(Outcome.Kind.class);
    int i = 0;
    for (int[] batch : updated) {
      for (int count : batch) {
        if (count > 0) {
          written.merge(outcomes.get(i).kind(), 1L, Long::sum);
        }
        i++;
      }
    }
    if (stepExecution != null) {
      written.forEach((kind, count) -> stepExecution.getExecutionContext().putLong(key(kind),
          stepExecution.getExecutionContext().getLong(key(kind), 0L) + count));
    }
  }
}
