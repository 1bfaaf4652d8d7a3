package dev.trii.batch.features;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes each session's rows through a {@link JdbcBatchItemWriter} upsert on (feature_set, symbol, ts), then
 * removes rows of that session the recomputation did not touch (bars that disappeared), all in the chunk's
 * transaction. Counts the rows it wrote in the step's execution context ({@value #ROWS_WRITTEN}).
 */
public class SessionRowsWriter implements ItemWriter<SessionFeatures>, StepExecutionListener {

  /** Execution-context key of the number of feature rows written by the step. */
  public static final String ROWS_WRITTEN = "feature_rows_written";

  private final JdbcBatchItemWriter<FeatureRowItem> rows;
  private final JdbcTemplate jdbc;
  private StepExecution stepExecution;

  public SessionRowsWriter(JdbcBatchItemWriter<FeatureRowItem> rows, DataSource dataSource) {
    this.rows = rows;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public void beforeStep(StepExecution execution) {
    this.stepExecution = execution;
  }

  @Override
  public void write(Chunk<? extends SessionFeatures> sessions) throws Exception {
    List<FeatureRowItem> items = new ArrayList<>();
    for (SessionFeatures session : sessions) {
      session.rows().forEach(row -> items.add(new FeatureRowItem(session.featureSetVersion(), row)));
    }
    rows.write(new Chunk<>(items));
    for (SessionFeatures session : sessions) {
      // rows upserted above carry this transaction's now(); older rows of the session lost their bar
      jdbc.update("delete from feature_rows where feature_set = ? and symbol = ? and trading_date = ? "
              + "and computed_at < now()",
          session.featureSetVersion(), session.key().symbol(), Date.valueOf(session.key().tradingDate()));
    }
    if (stepExecution != null) {
      stepExecution.getExecutionContext().putLong(ROWS_WRITTEN,
          stepExecution.getExecutionContext().getLong(ROWS_WRITTEN, 0L) + items.size());
    }
  }
}
