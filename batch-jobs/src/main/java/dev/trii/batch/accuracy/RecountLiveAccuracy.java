package dev.trii.batch.accuracy;

import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recounts {@code live_accuracy} from {@code prediction_log}: each (model, version, trading date) with a prediction by
 * symbol logged or decided since the last recount ({@link #IN_FLIGHT} earlier, for rows still being written then) is
 * counted again from all its rows and upserted. A count is always the whole day's, so a rerun, a restart or a
 * concurrent run writes the same numbers. The exit description says what the job decided and what is still pending.
 */
public class RecountLiveAccuracy implements Tasklet {

  /** How far before the last recount rows may carry their times and still have been written after it. */
  static final String IN_FLIGHT = "1 hour";

  private static final String RECOUNT = """
      with since as (
        select max(refreshed_at) - interval '%s' as t from live_accuracy),
      changed as (
        select distinct p.model_name, p.model_version, p.trading_date
        from prediction_log p cross join since s
        where p.symbol is not null and (s.t is null or p.logged_at >= s.t or p.labelled_at >= s.t))
      insert into live_accuracy (model_name, model_version, trading_date, predictions, labelled, hits, unlabellable,
        pending, refreshed_at)
      select p.model_name, p.model_version, p.trading_date, count(*),
             count(*) filter (where p.outcome in ('HIT', 'MISS')), count(*) filter (where p.outcome = 'HIT'),
             count(*) filter (where p.outcome = 'UNLABELLABLE'), count(*) filter (where p.outcome is null), now()
      from prediction_log p join changed c using (model_name, model_version, trading_date)
      where p.symbol is not null
      group by p.model_name, p.model_version, p.trading_date
      on conflict (model_name, model_version, trading_date) do update set
        predictions = excluded.predictions, labelled = excluded.labelled, hits = excluded.hits,
        unlabellable = excluded.unlabellable, pending = excluded.pending, refreshed_at = excluded.refreshed_at
      """.formatted(IN_FLIGHT);

  private static final String PENDING =
      "select count(*) from prediction_log where labelled_at is null and symbol is not null";

  private final JdbcTemplate jdbc;

  public RecountLiveAccuracy(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
    int recounted = jdbc.update(RECOUNT);
    contribution.incrementWriteCount(recounted);
    Long pending = jdbc.queryForObject(PENDING, Long.class);
    Map<String, Object> decided = chunk.getStepContext().getJobExecutionContext();
    long hits = count(decided, Outcome.Kind.HIT);
    long misses = count(decided, Outcome.Kind.MISS);
    long unlabellable = count(decided, Outcome.Kind.UNLABELLABLE);
    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(String.format(Locale.ROOT,
        "%d predictions decided (%d hits, %d misses, %d unlabellable), %d pending; %d model-version days recounted",
        hits + misses + unlabellable, hits, misses, unlabellable, pending, recounted)));
    return RepeatStatus.FINISHED;
  }

  private static long count(Map<String, Object> context, Outcome.Kind kind) {
    Object value = context.get(OutcomesWriter.key(kind));
    return value == null ? 0 : ((Number) value).longValue();
  }
}
