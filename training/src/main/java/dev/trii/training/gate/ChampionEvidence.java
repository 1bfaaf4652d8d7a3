package dev.trii.training.gate;

import java.util.Map;

/**
 * The current champion as the gate sees it: its metrics on the candidate's test split, or why it could not be
 * evaluated there (then every comparison fails: a candidate is not promoted over a champion it was not measured
 * against).
 *
 * @param metrics the champion's {@code test_*} (and, when measured, latency) metrics on the candidate's holdout
 * @param problem null when the champion was evaluated; else why not
 */
public record ChampionEvidence(int version, Map<String, Double> metrics, String problem) {

  public ChampionEvidence {
    metrics = Map.copyOf(metrics);
  }

  public static ChampionEvidence evaluated(int version, Map<String, Double> metrics) {
    return new ChampionEvidence(version, metrics, null);
  }

  public static ChampionEvidence unusable(int version, String problem) {
    return new ChampionEvidence(version, Map.of(), problem);
  }
}
