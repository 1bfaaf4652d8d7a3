package dev.trii.training.gate;

/**
 * The current champion as the gate sees it: its predictions on the candidate's holdout rows; or why it could not make
 * them (then every comparison fails: a candidate is not promoted over a champion it was not measured against); or
 * why it is obsolete (trained on a feature-set version this code no longer computes, so the scoring API refuses to
 * serve it and there is nothing to compare with: the candidate is judged by the thresholds and the lift alone).
 *
 * @param predictions the champion's probability of label 1 per holdout row, null when unusable or obsolete
 * @param problem null when the champion was evaluated; else why not
 * @param obsolete true when the champion cannot be served by this code any more
 */
public record ChampionEvidence(int version, double[] predictions, String problem, boolean obsolete) {

  public static ChampionEvidence evaluated(int version, double[] predictions) {
    return new ChampionEvidence(version, predictions, null, false);
  }

  public static ChampionEvidence unusable(int version, String problem) {
    return new ChampionEvidence(version, null, problem, false);
  }

  public static ChampionEvidence obsolete(int version, String reason) {
    return new ChampionEvidence(version, null, reason, true);
  }
}
