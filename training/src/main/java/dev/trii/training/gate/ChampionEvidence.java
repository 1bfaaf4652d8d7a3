package dev.trii.training.gate;

/**
 * The current champion as the gate sees it: its predictions on the candidate's holdout rows, or why it could not
 * make them (then every comparison fails: a candidate is not promoted over a champion it was not measured against).
 *
 * @param predictions the champion's probability of label 1 per holdout row, null when unusable
 * @param problem null when the champion was evaluated; else why not
 */
public record ChampionEvidence(int version, double[] predictions, String problem) {

  public static ChampionEvidence evaluated(int version, double[] predictions) {
    return new ChampionEvidence(version, predictions, null);
  }

  public static ChampionEvidence unusable(int version, String problem) {
    return new ChampionEvidence(version, null, problem);
  }
}
