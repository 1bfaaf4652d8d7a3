package dev.trii.training.gate;

/**
 * The candidate on its holdout, row by row: what the lift checks test and what the champion is paired with.
 *
 * @param labels 0/1 per holdout row
 * @param predictions the candidate's probability of label 1 per row
 * @param majorityClass the training majority class: the naive baseline's constant answer
 * @param priorPositiveRate the training share of label 1: the class prior
 */
public record HoldoutEvidence(float[] labels, double[] predictions, int majorityClass, double priorPositiveRate) {

  public HoldoutEvidence {
    if (labels.length != predictions.length) {
      throw new IllegalArgumentException(labels.length + " holdout labels but " + predictions.length
          + " predictions");
    }
  }

  public int rows() {
    return labels.length;
  }
}
