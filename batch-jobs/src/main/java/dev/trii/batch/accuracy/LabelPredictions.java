package dev.trii.batch.accuracy;

import dev.trii.core.features.FeatureSet;
import dev.trii.core.market.Bar;
import dev.trii.core.market.BarRepository;
import java.sql.Date;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a session's pending predictions (of the platform's feature set) and its bars, and decides what the
 * {@link OutcomeRule} can decide by now; a session with nothing to decide yet is filtered out.
 */
public class LabelPredictions implements ItemProcessor<LoggedSession, List<Outcome>> {

  private static final String PENDING = """
      select log_id, logged_at, as_of, direction from prediction_log
      where symbol = ? and trading_date = ? and labelled_at is null and feature_set = ?
      order by as_of, log_id
      """;

  private final JdbcTemplate jdbc;
  private final BarRepository bars;
  private final FeatureSet featureSet;
  private final OutcomeRule rule;
  private final Clock clock;

  public LabelPredictions(DataSource dataSource, FeatureSet featureSet, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.bars = new BarRepository(dataSource, featureSet.instruments());
    this.featureSet = featureSet;
    this.rule = new OutcomeRule(featureSet);
    this.clock = clock;
  }

  @Override
  public List<Outcome> process(LoggedSession session) {
    List<PendingPrediction> pending = jdbc.query(PENDING, (rs, row) -> new PendingPrediction(rs.getLong(1),
        rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getString(4)),
        session.symbol(), Date.valueOf(session.tradingDate()), featureSet.version());
    List<Bar> sessionBars = bars.sessionBars(session.symbol(), session.tradingDate());
    boolean over = rule.sessionOver(session.symbol(), session.tradingDate(), clock.millis());
    List<Outcome> decided = new ArrayList<>();
    for (PendingPrediction prediction : pending) {
      rule.decide(prediction, sessionBars, over).ifPresent(decided::add);
    }
    return decided.isEmpty() ? null : decided;
  }
}
