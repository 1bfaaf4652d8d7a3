package dev.trii.batch.features;

import dev.trii.core.features.FeatureRow;
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
 * Writes each session's rows of one feature set through a {@link JdbcBatchItemWriter} upsert on (feature_set,
 * symbol, ts), then removes rows of that session the recomputation did not touch (bars that disappeared), all in the
 * chunk's transaction. Counts the rows it wrote in the step's execution context ({@value #ROWS_WRITTEN}).
 */
public class SessionRowsWriter implements ItemWriter<SessionFeatures>, StepExecutionListener {

  /** Execution-context key of the number of feature rows written by the step. */
  public static final String ROWS_WRITTEN = "feature_rows_written";

  private final String featureSet;
  private final JdbcBatchItemWriter<FeatureRow> rows;
  private final JdbcTemplate jdbc;
  private StepExecution stepExecution;

  /**
   * @param featureSet the version the rows belong to
   * @param rows the upsert, binding rows of that version
   */
  public SessionRowsWriter(String featureSet, JdbcBatchItemWriter<FeatureRow> rows, DataSource dataSource) {
    this.featureSet = featureSet;
    this.rows = rows;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public void beforeStep(StepExecution execution) {
    this.stepExecution = execution;
  }

  @Override
  public void write(Chunk<? extends SessionFeatures> sessions) throws Exception {
    List<FeatureRow> items = new ArrayList<>();
    for (SessionFeatures session : sessions) {
      items.addAll(session.rows());
    }
    rows.write(new Chunk<>(items));
    for (SessionFeatures session : sessions) {
      // rows upserted above carry this transaction's now(); older rows of the session lost their bar
      jdbc.update("delete from feature_rows where feature_set = ? and symbol = ? and trading_date = ? "
              + "and computed_at < now()",
          featureSet, session.key().symbol(), Date.valueOf(session.key().tradingDate()));
    }
    if (stepExecution != null) {
      stepExecution.getExecutionContext().putLong(ROWS_WRITTEN,
          stepExecution.getExecutionContext().getLong(ROWS_WRITTEN, 0L) + items.size());
    }
  }
}
