package dev.trii.core.rollout;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rollouts of challenger versions ({@code model_rollouts}): started by an operator, followed by every scoring API
 * replica, moved from stage to stage and ended by the replica that judges them. Every move is a compare-and-set on
 * the rollout's state and stage, so two replicas cannot both advance or end one.
 */
public final class Rollouts {

  /** The canary's stages unless others are given: 5 % → 25 % → 50 % → 100 % of the clients. */
  public static final List<Integer> DEFAULT_STAGES = List.of(5, 25, 50, 100);

  private static final String COLUMNS = "rollout_id, model_name, challenger_version, champion_version, mode, stages, "
      + "stage, share_percent, stage_started_at, state, reason, started_by, started_at, ended_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public Rollouts(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  /**
   * Starts a rollout of {@code challengerVersion} against the current champion.
   *
   * @param stages the canary's shares in percent, rising, ending at 100 (ignored for shadow)
   * @throws IllegalArgumentException for stages that do not rise to 100, or when a rollout of the model is running
   */
  public Rollout start(String modelName, int challengerVersion, Integer championVersion, Rollout.Mode mode,
      List<Integer> stages, String startedBy) {
    if (championVersion != null && championVersion == challengerVersion) {
      throw new IllegalArgumentException("version " + challengerVersion + " is already the champion");
    }
    List<Integer> planned = mode == Rollout.Mode.SHADOW ? List.of() : stages;
    if (mode == Rollout.Mode.CANARY) {
      checkStages(stages);
    }
    Instant now = clock.instant();
    try {
      return jdbc.queryForObject("insert into model_rollouts (model_name, challenger_version, champion_version, mode, "
          + "stages, share_percent, stage_started_at, started_by, started_at) values (?, ?, ?, ?, ?::integer[], ?, ?, "
          + "?, ?) returning " + COLUMNS, Rollouts::rollout, modelName, challengerVersion, championVersion,
          mode.label(), "{" + planned.stream().map(String::valueOf).collect(Collectors.joining(",")) + "}",
          planned.isEmpty() ? 0 : planned.get(0), Timestamp.from(now), startedBy, Timestamp.from(now));
    } catch (DuplicateKeyException e) {
      throw new IllegalArgumentException("a rollout of model " + modelName + " is already running: stop it first", e);
    }
  }

  private static void checkStages(List<Integer> stages) {
    if (stages.isEmpty() || stages.get(stages.size() - 1) != 100) {
      throw new IllegalArgumentException("a canary's stages must end at 100 (%), got " + stages);
    }
    for (int i = 0; i < stages.size(); i++) {
      int share = stages.get(i);
      if (share < 1 || share > 100 || (i > 0 && share <= stages.get(i - 1))) {
        throw new IllegalArgumentException("a canary's stages must rise from 1 to 100 (%), got " + stages);
      }
    }
  }

  /** The model's running rollout, if any. */
  public Optional<Rollout> running(String modelName) {
    return jdbc.query("select " + COLUMNS + " from model_rollouts where model_name = ? and state = 'running'",
        Rollouts::rollout, modelName).stream().findFirst();
  }

  /** The model's rollouts, newest first. */
  public List<Rollout> history(String modelName, int limit) {
    return jdbc.query("select " + COLUMNS + " from model_rollouts where model_name = ? order by rollout_id desc "
        + "limit ?", Rollouts::rollout, modelName, limit);
  }

  /**
   * Moves a running canary from its stage to the next one.
   *
   * @return the rollout as moved, or empty when it had moved or ended meanwhile
   */
  public Optional<Rollout> advance(Rollout rollout, String why) {
    int next = rollout.stage() + 1;
    return jdbc.query("update model_rollouts set stage = ?, share_percent = ?, stage_started_at = ?, reason = ? "
        + "where rollout_id = ? and state = 'running' and stage = ? returning " + COLUMNS, Rollouts::rollout, next,
        rollout.stages().get(next), Timestamp.from(clock.instant()), why, rollout.id(), rollout.stage())
        .stream().findFirst();
  }

  /**
   * Ends a running rollout.
   *
   * @return the rollout as ended, or empty when it had already ended
   */
  public Optional<Rollout> end(long rolloutId, Rollout.State state, String why) {
    if (state == Rollout.State.RUNNING) {
      throw new IllegalArgumentException("a rollout ends promoted, rolled back or stopped");
    }
    return jdbc.query("update model_rollouts set state = ?, reason = ?, ended_at = ? where rollout_id = ? "
        + "and state = 'running' returning " + COLUMNS, Rollouts::rollout, state.label(), why,
        Timestamp.from(clock.instant()), rolloutId).stream().findFirst();
  }

  private static Rollout rollout(ResultSet rs, int row) throws SQLException {
    Array stages = rs.getArray("stages");
    List<Integer> planned = Arrays.stream((Integer[]) stages.getArray()).toList();
    Timestamp ended = rs.getTimestamp("ended_at");
    int champion = rs.getInt("champion_version");
    Integer championVersion = rs.wasNull() ? null : champion;
    return new Rollout(rs.getLong("rollout_id"), rs.getString("model_name"), rs.getInt("challenger_version"),
        championVersion, Rollout.Mode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)), planned,
        rs.getInt("stage"), rs.getInt("share_percent"), rs.getTimestamp("stage_started_at").toInstant(),
        Rollout.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getString("reason"),
        rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant());
  }
}
