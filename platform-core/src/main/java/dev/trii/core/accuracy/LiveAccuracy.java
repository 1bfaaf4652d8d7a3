package dev.trii.core.accuracy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A model's live accuracy: how often the direction its served predictions by symbol gave was the direction the price
 * then took, as the live-accuracy job counted it in {@code live_accuracy} from the prediction log. What the job
 * console, {@code ./trii models show}, the demo and reports show next to the holdout metrics of training.
 */
public final class LiveAccuracy {

  private static final String TOTALS = """
      select model_name, model_version, min(trading_date), max(trading_date), sum(predictions), sum(labelled),
             sum(hits), sum(unlabellable), sum(pending), sum(hits)::double precision / nullif(sum(labelled), 0),
             max(refreshed_at)
      from live_accuracy
      where model_name = ? %s
      group by model_name, model_version
      order by model_version desc
      """;

  private static final String DAYS = """
      select model_name, model_version, trading_date, trading_date, predictions, labelled, hits, unlabellable, pending,
             hit_rate, refreshed_at
      from live_accuracy
      where model_name = ? and model_version = ?
      order by trading_date desc
      limit ?
      """;

  private final JdbcTemplate jdbc;

  public LiveAccuracy(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * The counts of one model version's predictions by symbol over a span of trading days.
   *
   * @param firstDay first trading date of the bars predicted on
   * @param lastDay last trading date (the same as {@code firstDay} for one day)
   * @param predictions predictions by symbol logged for bars of those days
   * @param labelled those with a realized label, up or down
   * @param hits labelled, and the predicted direction was the realized one
   * @param unlabellable decided without a label: no move beyond the dead zone, or the session ended before the horizon
   * @param pending whose horizon has not passed yet
   * @param hitRate hits per labelled prediction; null before one is labelled
   * @param refreshedAt when the live-accuracy job last recounted them
   */
  public record Tally(String modelName, int modelVersion, LocalDate firstDay, LocalDate lastDay, long predictions,
      long labelled, long hits, long unlabellable, long pending, Double hitRate, Instant refreshedAt) {}

  /** Every version of the model with counted predictions, the newest version first: totals over all days. */
  public List<Tally> versions(String modelName) {
    return jdbc.query(TOTALS.formatted(""), LiveAccuracy::tally, modelName);
  }

  /** One version's totals over all days; empty while none of its predictions by symbol has been counted. */
  public Optional<Tally> version(String modelName, int version) {
    return jdbc.query(TOTALS.formatted("and model_version = ?"), LiveAccuracy::tally, modelName, version).stream()
        .findFirst();
  }

  /** One version's trading days, the latest first, at most {@code days} of them. */
  public List<Tally> days(String modelName, int version, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    return jdbc.query(DAYS, LiveAccuracy::tally, modelName, version, days);
  }

  private static Tally tally(ResultSet rs, int row) throws SQLException {
    double rate = rs.getDouble(10);
    Double hitRate = rs.wasNull() ? null : rate; // asked right after its own column: null before any label
    return new Tally(rs.getString(1), rs.getInt(2), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(),
        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), hitRate,
        rs.getTimestamp(11).toInstant());
  }
}
