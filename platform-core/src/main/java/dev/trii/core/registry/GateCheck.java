package dev.trii.core.registry;

/**
 * One check of a promotion gate, with the evidence for its verdict.
 *
 * @param name e.g. {@code holdout_accuracy > 0.70} or {@code holdout accuracy vs champion: gain lower bound > 0}
 * @param value the candidate's value (for a lift or champion check: its gain)
 * @param threshold the bound it was held to
 * @param passed the verdict
 * @param detail a sentence explaining the verdict
 * @param confidenceBound the one-sided lower confidence bound of the value, for the statistical checks; null for
 *     the others
 */
public record GateCheck(String name, double value, double threshold, boolean passed, String detail,
    Double confidenceBound) {

  /** A check without a confidence bound (thresholds, data quality). */
  public GateCheck(String name, double value, double threshold, boolean passed, String detail) {
    this(name, value, threshold, passed, detail, null);
  }
}
