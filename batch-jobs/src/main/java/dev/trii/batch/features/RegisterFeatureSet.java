package dev.trii.batch.features;

import dev.trii.core.features.FeatureSet;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts the {@code feature_sets} row of the platform's feature set (names, horizon, dead zone). When the stored
 * definition of the same version differs, the version's feature rows no longer mean what the row says: they are
 * deleted so the next step recomputes every session.
 */
public class RegisterFeatureSet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(RegisterFeatureSet.class);

  private final JdbcTemplate jdbc;
  private final FeatureSet featureSet;

  public RegisterFeatureSet(DataSource dataSource, FeatureSet featureSet) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.featureSet = featureSet;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    List<Boolean> same = jdbc.query("select feature_names = ?::text[] and horizon_minutes = ? and dead_zone_bps = ? "
            + "from feature_sets where version = ?",
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("text", featureSet.names().toArray()));
          ps.setInt(2, featureSet.horizonMinutes());
          ps.setDouble(3, featureSet.deadZoneBps());
          ps.setString(4, featureSet.version());
        },
        (rs, i) -> rs.getBoolean(1));
    if (!same.isEmpty() && !same.get(0)) {
      int deleted = jdbc.update("delete from feature_rows where feature_set = ?", featureSet.version());
      log.warn("feature set {} changed definition (names {}, horizon {} min, dead zone {} bps): deleted its {} rows "
              + "to recompute them", featureSet.version(), featureSet.names(), featureSet.horizonMinutes(),
          featureSet.deadZoneBps(), deleted);
    }
    jdbc.update("insert into feature_sets (version, feature_names, horizon_minutes, dead_zone_bps) values (?, ?, ?, ?) "
            + "on conflict (version) do update set feature_names = excluded.feature_names, "
            + "horizon_minutes = excluded.horizon_minutes, dead_zone_bps = excluded.dead_zone_bps",
        ps -> {
          ps.setString(1, featureSet.version());
          ps.setArray(2, ps.getConnection().createArrayOf("text", featureSet.names().toArray()));
          ps.setInt(3, featureSet.horizonMinutes());
          ps.setDouble(4, featureSet.deadZoneBps());
        });
    contribution.incrementWriteCount(1);
    return RepeatStatus.FINISHED;
  }
}
