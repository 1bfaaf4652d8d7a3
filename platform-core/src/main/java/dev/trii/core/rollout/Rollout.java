package dev.trii.core.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A rollout of a challenger version next to the champion (table {@code model_rollouts}).
 *
 * @param championVersion the champion when it started (what the challenger is compared with)
 * @param stages the canary's traffic shares in percent, in order (empty for shadow)
 * @param stage index into {@code stages} of the current stage
 * @param sharePercent share of the clients the challenger answers now (0 for shadow)
 * @param reason why it ended, or the last stage decision
 */
public record Rollout(long id, String modelName, int challengerVersion, Integer championVersion, Mode mode,
    List<Integer> stages, int stage, int sharePercent, Instant stageStartedAt, State state, String reason,
    String startedBy, Instant startedAt, Instant endedAt) {

  public Rollout {
    stages = List.copyOf(stages);
  }

  /** How the challenger takes part. */
  public enum Mode {
    /** It answers a growing, sticky share of the clients. */
    CANARY,
    /** It scores every request off the request path; the champion answers. */
    SHADOW;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where it stands. */
  public enum State {
    RUNNING, PROMOTED, ROLLED_BACK, STOPPED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether this is the canary's last stage (its share is the last one planned). */
  public boolean lastStage() {
    return stage >= stages.size() - 1;
  }
}
